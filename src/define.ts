import type { ScenarioSpec } from './types.js'

/** Marks an object as a scenario, so named exports are found without guessing. */
export const SCENARIO_TAG: unique symbol = Symbol.for('forkcheck.scenario') as never

/**
 * Declares a scenario (see DESIGN.md "The scenario contract").
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
  }
  return spec
}
