import type { ScenarioSpec } from '../types.js'

// Scenarios without an export of their own are found again in another process by a name both
// processes compute alike from the order code runs in, never from line and column (a transform may
// move those): inline scenarios (`scenario(name, spec)` in a vitest file) by their test's full name,
// and scenarios made by defineScenario by their index among the definitions of their file.
const REGISTRY = Symbol.for('forkcheck.registry.v2')

/** Where a defineScenario call happened. */
export interface Definition {
  /** The defining module's path, from the caller's stack frame. */
  file: string
  /** Its index among the definitions of that file in one evaluation of it. */
  index: number
  /** True when it ran inside a running test, where another process never reaches it. */
  insideTest: boolean
}

/** The evaluation a definition belongs to (e.g. one vitest collection) and whether a test runs. */
export interface DefinitionScope {
  scope: object
  insideTest: boolean
}

interface Registry {
  inline: Map<string, ScenarioSpec>
  definitions: WeakMap<object, Definition>
  byScope: WeakMap<object, Map<string, object[]>>
  findScope: () => DefinitionScope | undefined
}

const PROCESS_SCOPE = {}

function registry(): Registry {
  const holder = globalThis as { [REGISTRY]?: Registry }
  holder[REGISTRY] ??= {
    inline: new Map(),
    definitions: new WeakMap(),
    byScope: new WeakMap(),
    findScope: () => undefined,
  }
  return holder[REGISTRY]
}

/** The export name of the `occurrence`-th (from 1) inline scenario named `name` in its file. */
export function inlineExportName(name: string, occurrence: number): string {
  return occurrence > 1 ? `@${name}#${occurrence}` : `@${name}`
}

/** Records an inline scenario under its file and export name. */
export function registerInlineScenario(file: string, exportName: string, spec: ScenarioSpec): void {
  registry().inline.set(`${file}#${exportName}`, spec)
}

/** The inline scenarios a file registered while it was imported. */
export function findInlineScenarios(file: string): Array<{ exportName: string; spec: ScenarioSpec }> {
  const prefix = `${file}#`
  return [...registry().inline]
    .filter(([key]) => key.startsWith(prefix))
    .map(([key, spec]) => ({ exportName: key.slice(prefix.length), spec }))
}

export function findInlineScenario(file: string, exportName: string): ScenarioSpec | undefined {
  return registry().inline.get(`${file}#${exportName}`)
}

/**
 * Lets a host say which evaluation definitions belong to (forkcheck/vitest: the file being
 * collected), so a file evaluated again in one process numbers its definitions from 0 again.
 */
export function setDefinitionScope(findScope: () => DefinitionScope | undefined): void {
  registry().findScope = findScope
}

/** Records a defineScenario call made in `file`; a spec defined twice keeps its first record. */
export function recordDefinition(spec: object, file: string): void {
  const { definitions, byScope, findScope } = registry()
  if (definitions.has(spec)) return
  const { scope, insideTest } = findScope() ?? { scope: PROCESS_SCOPE, insideTest: false }
  let files = byScope.get(scope)
  if (files === undefined) {
    files = new Map()
    byScope.set(scope, files)
  }
  const specs = files.get(file) ?? []
  files.set(file, [...specs, spec])
  definitions.set(spec, { file, index: specs.length, insideTest })
}

/** Where `spec` was defined, when it was made by defineScenario in a file. */
export function findDefinition(spec: unknown): Definition | undefined {
  return spec !== null && typeof spec === 'object' ? registry().definitions.get(spec) : undefined
}

/** The specs defined in `file` within `scope`, in definition order. */
export function findDefinitionsIn(scope: object, file: string): object[] {
  return registry().byScope.get(scope)?.get(file) ?? []
}

/** The export name under which the `index`-th definition of a file is registered inline. */
export function definitionExportName(index: number): string {
  return `@defineScenario:${index}`
}
