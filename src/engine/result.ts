import type { Expectation, ModeOutcomes, ScenarioResult, Verdict } from '../types.js'
import type { PlannedScenarioRun } from './plan.js'

/** Whether a verdict meets the expectation (`flaky` passes unless flaky runs must fail). */
export function isPass(verdict: Verdict, expected: Expectation, flaky: 'fail' | 'warn'): boolean {
  if (verdict === 'error') return false
  if (verdict === 'flaky') return flaky === 'warn'
  return verdict === expected
}

function baseResult(scenario: PlannedScenarioRun) {
  return {
    id: scenario.id,
    file: scenario.file,
    exportName: scenario.exportName,
    name: scenario.name,
    expected: scenario.options?.expect ?? ('same' as Expectation),
  }
}

/** A scenario that could not run, with the reason in one clear message. */
export function makeErrorResult(
  scenario: PlannedScenarioRun,
  error: NonNullable<ScenarioResult['error']>,
  startedAt: number,
  outcomes: ModeOutcomes = { fork: [], spawn: [] },
): ScenarioResult {
  return {
    ...baseResult(scenario),
    verdict: 'error',
    pass: false,
    outcomes,
    causes: [],
    error,
    durationMs: Date.now() - startedAt,
  }
}

/** A scenario left out by `skip`, `only` or a name filter. */
export function makeSkippedResult(scenario: PlannedScenarioRun): ScenarioResult {
  return {
    ...baseResult(scenario),
    verdict: 'skipped',
    pass: true,
    outcomes: { fork: [], spawn: [] },
    causes: [],
    durationMs: 0,
    skipped: true,
  }
}

export { baseResult }
