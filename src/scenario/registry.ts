import type { ScenarioSpec } from '../types.js'

// Scenarios defined inline (e.g. `scenario(name, spec)` in a vitest file) have no export of their
// own: they are found again in a child by where they were defined, `@line:column` of their file.
const REGISTRY = Symbol.for('forkcheck.registry')

type Registry = Map<string, ScenarioSpec>

function registry(): Registry {
  const holder = globalThis as { [REGISTRY]?: Registry }
  holder[REGISTRY] ??= new Map()
  return holder[REGISTRY]
}

/** The export name of an inline scenario defined at `line:column`. */
export function inlineExportName(line: number, column: number): string {
  return `@${line}:${column}`
}

/** Records an inline scenario under its file and position. */
export function registerInlineScenario(file: string, exportName: string, spec: ScenarioSpec): void {
  registry().set(`${file}#${exportName}`, spec)
}

/** The inline scenarios a file registered while it was imported. */
export function findInlineScenarios(file: string): Array<{ exportName: string; spec: ScenarioSpec }> {
  const prefix = `${file}#`
  return [...registry()]
    .filter(([key]) => key.startsWith(prefix))
    .map(([key, spec]) => ({ exportName: key.slice(prefix.length), spec }))
}

export function findInlineScenario(file: string, exportName: string): ScenarioSpec | undefined {
  return registry().get(`${file}#${exportName}`)
}
