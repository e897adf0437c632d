import { resolve } from 'node:path'
import type { MatcherState } from 'vitest'
import { expect } from 'vitest'
import { describeValue } from '../config/describe.js'
import { definitionExportName, findDefinition } from '../scenario/registry.js'
import { type CheckOptions, type CheckTarget, checkScenarios, findRootOf } from './check.js'
import { describeResult, describeVerdict, ScenarioAssertionError } from './failure.js'
import { CHILD_LOADER } from './scenario.js'

const MATCHER = 'toBehaveTheSameWhenForkedAndSpawned'

/** Options of the matcher: run options, e.g. `{ flaky: 'fail' }` to fail a flaky scenario. */
export type MatcherOptions = CheckOptions

declare module 'vitest' {
  // vitest's documented place for custom matchers: merging into `Assertion` through 'vitest' does
  // not take effect (checked with tsc). It also types `expect.toBehave…()`, which has no use: an
  // async matcher cannot serve as an asymmetric one.
  // biome-ignore lint/suspicious/noExplicitAny: must repeat vitest's own declaration to merge with it.
  interface Matchers<T = any> {
    /**
     * Runs the scenario fork-like and spawn-like and passes when both behave the same
     * (`.not`: when they differ). `received` is a spec made by `defineScenario()` at the top level
     * of a module, or a `'path#export'` string naming a scenario file's export (relative to the
     * project root). Give the test a timeout: a check takes seconds.
     *
     * @example
     * it('reads no inherited state', { timeout: 60_000 }, async () => {
     *   await expect(configScenario).toBehaveTheSameWhenForkedAndSpawned()
     * })
     */
    toBehaveTheSameWhenForkedAndSpawned(options?: MatcherOptions): Promise<void>
  }
}

class MatcherUsageError extends TypeError {
  override name = 'MatcherUsageError'
  readonly code = 'FORKCHECK_USAGE'
}

/** Where a child finds the scenario again: a defineScenario() spec's file, or a path#export. */
function locateTarget(received: unknown, testPath: string | undefined): CheckTarget {
  if (typeof received === 'string') {
    const hash = received.indexOf('#')
    const path = hash === -1 ? received : received.slice(0, hash)
    const exportName = hash === -1 ? 'default' : received.slice(hash + 1)
    const root = testPath === undefined ? process.cwd() : findRootOf(testPath)
    return { file: resolve(root, path), exportNames: [exportName] }
  }
  const definition = findDefinition(received)
  if (definition === undefined) {
    throw new MatcherUsageError(
      `${MATCHER}() needs a spec made by defineScenario() at the top level of a module, or a ` +
        `'path#export' string, so that forkcheck's child processes can load it; got ${describeValue(received)}.`,
    )
  }
  if (definition.insideTest) {
    throw new MatcherUsageError(
      `${MATCHER}() got a spec defined inside a running test, which forkcheck's child processes never ` +
        'run: move its defineScenario() call to the top level of the file.',
    )
  }
  return {
    file: definition.file,
    exportNames: [definitionExportName(definition.index)],
    loader: CHILD_LOADER,
  }
}

async function toBehaveTheSameWhenForkedAndSpawned(
  this: MatcherState,
  received: unknown,
  options: MatcherOptions = {},
) {
  const [result] = await checkScenarios(locateTarget(received, this.testPath), options)
  if (result === undefined || result.verdict === 'error' || result.skipped) {
    // Neither a pass nor a failure: `.not` must not turn it into a pass.
    const message = result ? describeResult(result, describeVerdict(result)) : 'no result'
    throw new ScenarioAssertionError(message, 'FORKCHECK_ERROR')
  }
  const pass = result.verdict === 'same' || (result.verdict === 'flaky' && options.flaky !== 'fail')
  return {
    pass,
    message: () =>
      pass
        ? describeResult(result, 'behaved the same when forked and spawned, but was expected to differ')
        : describeResult(result, describeVerdict(result)),
  }
}

/** Adds the matcher to vitest's `expect` (done when forkcheck/vitest is imported). */
export function installMatcher(): void {
  expect.extend({ [MATCHER]: toBehaveTheSameWhenForkedAndSpawned })
}
