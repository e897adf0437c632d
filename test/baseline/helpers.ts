import { summarize } from '../../src/engine/summary.js'
import type { Cause, Report, ScenarioResult } from '../../src/types.js'

/** A scenario result with only what the baseline looks at filled in. */
export function makeResult(id: string, extra: Partial<ScenarioResult> = {}): ScenarioResult {
  return {
    id,
    file: id.split('#')[0] ?? id,
    exportName: 'default',
    name: `name of ${id}`,
    verdict: 'same',
    expected: 'same',
    pass: true,
    outcomes: { fork: [], spawn: [] },
    causes: [],
    durationMs: 1,
    ...extra,
  }
}

/** A failing difference with these causes (`kind name` or `kind`). */
export function makeDifference(id: string, ...causes: string[]): ScenarioResult {
  return makeResult(id, {
    verdict: 'differs',
    pass: false,
    causes: causes.map((text): Cause => {
      const [kind, name] = text.split(' ') as [Cause['kind'], string | undefined]
      return name === undefined
        ? { kind, confirmed: true }
        : { kind, name, confirmed: true, readAt: 'src/x.js:1' }
    }),
  })
}

export function makeReport(scenarios: ScenarioResult[], startedAt = '2025-06-01T12:00:00.000Z'): Report {
  return { version: 1, root: '/app', startedAt, durationMs: 10, scenarios, summary: summarize(scenarios) }
}
