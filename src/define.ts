import { recordDefinition } from './scenario/registry.js'
import { captureCallSites, siteFile } from './stack/call-sites.js'
import type { ScenarioSpec } from './types.js'

/** Marks an object as a scenario, so named exports are found without guessing. */
export const SCENARIO_TAG: unique symbol = Symbol.for('forkcheck.scenario') as never

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
    const [caller] = captureCallSites(1, defineScenario)
    const file = caller && siteFile(caller)
    if (file !== undefined) recordDefinition(spec, file)
  }
  return spec
}
