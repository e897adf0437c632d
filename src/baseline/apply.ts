import { summarize } from '../engine/summary.js'
import type { Report, ScenarioResult } from '../types.js'
import { findUncoveredCauses, isExpired, isKnownDifferenceCandidate } from './match.js'
import type { Baseline, BaselinedResult } from './types.js'
import { makeEntry } from './update.js'

/** Decides one result against the baseline: pure, so the engine, merge and tests share it. */
export type BaselineJudge = (result: ScenarioResult) => BaselinedResult

/**
 * Makes the judge: a failing difference whose causes its (unexpired) entry covers passes and is
 * marked `baselined`; any other failing difference fails, even one a shard had excused. With
 * `update`, each difference is judged by the entry `--update-baseline` is about to write for it.
 */
export function makeBaselineJudge(
  baseline: Baseline | undefined,
  { update = false, now }: { update?: boolean; now: Date },
): BaselineJudge {
  return (result) => {
    if (!isKnownDifferenceCandidate(result)) return result
    const { baselined: _, ...plain } = result as BaselinedResult
    const previous = baseline?.scenarios[result.id]
    const entry = update ? makeEntry(result, previous) : previous
    const excused =
      entry !== undefined && !isExpired(entry, now) && findUncoveredCauses(result, entry).length === 0
    return excused ? { ...plain, pass: true, baselined: true } : { ...plain, pass: false }
  }
}

/**
 * A new report with every result judged against the baseline and the summary recounted.
 *
 * @example
 * const report = applyBaseline(merged, await readBaseline(file, 'forkcheck.baseline.json'), { now: new Date() })
 */
export function applyBaseline(
  report: Report,
  baseline: Baseline | undefined,
  judging: { update?: boolean; now: Date },
): Report {
  const judge = makeBaselineJudge(baseline, judging)
  const scenarios = report.scenarios.map(judge)
  return { ...report, scenarios, summary: summarize(scenarios) }
}
