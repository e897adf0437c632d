import type { Report } from '../types.js'
import { findUncoveredCauses, formatItem, isExpired, isKnownDifferenceCandidate } from './match.js'
import type { Baseline, BaselinedResult } from './types.js'

/**
 * What a run says about its baseline, one line each: how many differences it excused, entries
 * that expired, differences with causes their entry lacks, and entries whose scenario ran and no
 * longer differs. Scenarios that did not run (another shard's) say nothing.
 */
export function describeBaselineNotes(report: Report, baseline: Baseline, now: Date): string[] {
  const notes: string[] = []
  const excused = report.scenarios.filter((result) => (result as BaselinedResult).baselined).length
  if (excused > 0) notes.push(`${excused} known ${excused === 1 ? 'difference' : 'differences'} excused`)
  for (const [id, entry] of Object.entries(baseline.scenarios)) {
    const result = report.scenarios.find((scenario) => scenario.id === id && !scenario.skipped)
    if (result === undefined) continue
    if (!isKnownDifferenceCandidate(result)) {
      notes.push(`${id} no longer differs: drop its entry (--update-baseline)`)
    } else if (isExpired(entry, now)) {
      notes.push(`${id}: the entry expired on ${entry.expires}, so the difference fails again`)
    } else {
      const uncovered = findUncoveredCauses(result, entry)
      if (uncovered.length > 0)
        notes.push(`${id} differs in new ways: ${uncovered.map(formatItem).join(', ')}`)
    }
  }
  return notes
}
