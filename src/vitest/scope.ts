import { setDefinitionScope } from '../scenario/registry.js'

/** The two collector queries of @vitest/runner that place a definition. */
export interface CollectorState {
  getCurrentSuite(): { file?: object }
  getCurrentTest(): unknown
}

/**
 * Numbers defineScenario calls per vitest collection, the same in a vitest worker and in a child
 * that collects the file again, and marks the ones made inside a running test (a child never
 * runs tests, so it never sees those).
 */
export function useCollectionScope(state: CollectorState): void {
  setDefinitionScope(() => {
    try {
      const file = state.getCurrentSuite().file
      return file === undefined
        ? undefined
        : { scope: file, insideTest: state.getCurrentTest() !== undefined }
    } catch {
      // Outside any collection (e.g. a plain CLI run that imports forkcheck/vitest): one scope.
      return undefined
    }
  })
}
