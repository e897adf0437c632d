import { compareText } from '../outcome/order.js'
import type { Report, ScenarioResult } from '../types.js'
import { isKnownDifferenceCandidate, toBaselineCauses } from './match.js'
import type { Baseline, BaselineEntry } from './types.js'

/** The entry `--update-baseline` writes for a failing difference; `expires` carries over. */
export function makeEntry(result: ScenarioResult, previous: BaselineEntry | undefined): BaselineEntry {
  const entry: BaselineEntry = { name: result.name, causes: toBaselineCauses(result) }
  if (previous?.expires !== undefined) entry.expires = previous.expires
  return entry
}

/**
 * The baseline after a run: an entry for every failing difference in the report, and the previous
 * entries of scenarios that did not run (another shard's, a filtered-out file's). Only a `complete`
 * run (every scenario file, no shard) drops entries of scenarios that no longer exist.
 */
export function updateBaseline(
  report: Report,
  previous: Baseline | undefined,
  { complete }: { complete: boolean },
): Baseline {
  const entries = new Map<string, BaselineEntry>()
  const present = new Set(report.scenarios.map((result) => result.id))
  const ran = new Set(report.scenarios.filter((result) => !result.skipped).map((result) => result.id))
  for (const [id, entry] of Object.entries(previous?.scenarios ?? {})) {
    if (!ran.has(id) && (present.has(id) || !complete)) entries.set(id, entry)
  }
  for (const result of report.scenarios) {
    if (isKnownDifferenceCandidate(result))
      entries.set(result.id, makeEntry(result, previous?.scenarios[result.id]))
  }
  const sorted = [...entries].sort(([a], [b]) => compareText(a, b))
  return { version: 1, scenarios: Object.fromEntries(sorted) }
}
