import { pathToFileURL } from 'node:url'
import { SCENARIO_TAG } from '../define.js'
import type { ScenarioSpec } from '../types.js'
import { findInlineScenario, findInlineScenarios } from './registry.js'
import { type SelfImport, withSelfImport } from './self-import.js'

/** One export of a scenario file that looks like a scenario. */
export interface ScenarioExport {
  exportName: string
  spec: unknown
}

/**
 * Imports a scenario file the way Node would (TypeScript hooks must already be registered), or
 * through a loader module whose `importScenarioFile(file)` does it (vitest test files need one).
 * `self`: where the harness found that `forkcheck` resolves from the file's folder.
 */
export async function importScenarioFile(
  file: string,
  loader?: string,
  self?: SelfImport,
): Promise<Record<string, unknown>> {
  if (loader !== undefined) {
    const custom = (await import(pathToFileURL(loader).href)) as {
      importScenarioFile(file: string): Promise<unknown>
    }
    return (await custom.importScenarioFile(file)) as Record<string, unknown>
  }
  const url = pathToFileURL(file).href
  return (await withSelfImport(self, () => import(url))) as Record<string, unknown>
}

function isTagged(value: unknown): boolean {
  return (
    value !== null && typeof value === 'object' && (value as Record<symbol, unknown>)[SCENARIO_TAG] === true
  )
}

function looksLikeScenario(value: unknown): boolean {
  return value !== null && typeof value === 'object' && 'child' in value
}

function isScenarioLike(value: unknown): boolean {
  return isTagged(value) || looksLikeScenario(value)
}

/**
 * A default export that is not a scenario but holds scenarios: CommonJS `exports.a = scenario`
 * (module.exports is then the default), or `export default { a, b }`. Its scenarios are the
 * file's, by property name.
 */
function scenarioContainer(value: unknown): Record<string, unknown> | undefined {
  if (value === null || typeof value !== 'object' || isScenarioLike(value)) return undefined
  const container = value as Record<string, unknown>
  return Object.keys(container).some((key) => isScenarioLike(container[key])) ? container : undefined
}

/**
 * The exports of a scenario module that are scenarios: the default export, and named exports made
 * by defineScenario or holding a `child`. A CommonJS `module.exports = scenario` is the default;
 * with `exports.a = scenario` each property is a scenario of its own.
 */
export function findScenarioExports(namespace: Record<string, unknown>, file?: string): ScenarioExport[] {
  const found: ScenarioExport[] = file === undefined ? [] : findInlineScenarios(file)
  const fallbackDefault = namespace.default
  const container = scenarioContainer(fallbackDefault)
  if (container !== undefined) {
    for (const [exportName, value] of Object.entries(container))
      if (isScenarioLike(value)) found.push({ exportName, spec: value })
  }
  for (const [exportName, value] of Object.entries(namespace)) {
    if (exportName === 'default') {
      if (container === undefined && value !== undefined && typeof value !== 'function')
        found.push({ exportName, spec: value })
    } else if (exportName !== 'module.exports' && isScenarioLike(value)) {
      // CommonJS named exports mirror properties of the default export: skip those copies.
      if (fallbackDefault !== null && typeof fallbackDefault === 'object' && exportName in fallbackDefault)
        continue
      found.push({ exportName, spec: value })
    }
  }
  return found
}

/** Loads one scenario by export name (or inline name); throws an Error saying what to fix. */
export async function loadScenario(
  file: string,
  exportName: string,
  loader?: string,
  self?: SelfImport,
): Promise<ScenarioSpec> {
  const namespace = await importScenarioFile(file, loader, self)
  // As findScenarioExports lists them: a container's scenarios first. TypeScript compiled to
  // CommonJS makes `{ __esModule: true, default: scenario }` of `export default scenario`.
  const container = scenarioContainer(namespace.default)
  const spec = exportName.startsWith('@')
    ? findInlineScenario(file, exportName)
    : container !== undefined && Object.hasOwn(container, exportName)
      ? container[exportName]
      : namespace[exportName]
  if (spec === undefined) throw new Error(`The scenario file has no export \`${exportName}\`.`)
  return spec as ScenarioSpec
}
