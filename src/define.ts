import { fileURLToPath } from 'node:url'
import { recordDefinition } from './scenario/registry.js'
import type { ScenarioSpec } from './types.js'

/** Marks an object as a scenario, so named exports are found without guessing. */
export const SCENARIO_TAG: unique symbol = Symbol.for('forkcheck.scenario') as never

/**
 * The file of the first frame above `fn`, read from V8's call sites rather than a stack string
 * (whose format a user's `prepareStackTrace` may change, and whose paths may hold parentheses).
 */
function findCallerFile(fn: Function): string | undefined {
  const { prepareStackTrace, stackTraceLimit } = Error
  const hadPrepare = Object.hasOwn(Error, 'prepareStackTrace')
  const holder: { stack?: unknown } = {}
  let name: string | null | undefined
  try {
    Error.stackTraceLimit = 1
    Error.prepareStackTrace = (_, callSites) => callSites
    Error.captureStackTrace(holder, fn)
    name = (holder.stack as NodeJS.CallSite[] | undefined)?.[0]?.getFileName()
  } finally {
    if (hadPrepare) Error.prepareStackTrace = prepareStackTrace
    else delete (Error as { prepareStackTrace?: unknown }).prepareStackTrace
    Error.stackTraceLimit = stackTraceLimit
  }
  if (!name) return undefined
  // A module id of vite may carry a query (`?v=…`).
  const file = name.replace(/\?.*$/, '')
  return file.startsWith('file:') ? fileURLToPath(file) : file
}

/**
 * Declares a scenario (see DESIGN.md "The scenario contract"). It also records the file it is
 * called from, so `expect(spec).toBehaveTheSameWhenForkedAndSpawned()` can find it in a child.
 *
 * @example
 * export default defineScenario({
 *   parent() { process.env.TIER = 'gold' },
 *   child() { return process.env.TIER },
 * })
 */
export function defineScenario<Input = undefined>(spec: ScenarioSpec<Input>): ScenarioSpec<Input> {
  if (spec !== null && typeof spec === 'object') {
    Object.defineProperty(spec, SCENARIO_TAG, { value: true, enumerable: false })
    const file = findCallerFile(defineScenario)
    if (file !== undefined) recordDefinition(spec, file)
  }
  return spec
}
