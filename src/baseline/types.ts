import type { InheritedItem, ScenarioResult } from '../types.js'

/** The baseline file's name in the project root. */
export const BASELINE_FILE = 'forkcheck.baseline.json'

/**
 * One known difference: the causes it may have, and optionally until when it is excused.
 *
 * @example
 * { name: 'reads DATABASE_URL', causes: [{ kind: 'env', name: 'DATABASE_URL' }], expires: '2025-09-30' }
 */
export interface BaselineEntry {
  /** The scenario's name when the entry was written (for people reading the file). */
  name?: string
  causes: InheritedItem[]
  /** An ISO date; from then on (UTC) the entry no longer excuses the difference. */
  expires?: string
}

/**
 * `forkcheck.baseline.json`: failing differences known when it was written, by scenario id. A
 * later run fails only on differences the baseline does not cover.
 */
export interface Baseline {
  version: 1
  scenarios: Record<string, BaselineEntry>
}

/** A scenario result as the baseline leaves it: `baselined` when an entry excused it. */
export type BaselinedResult = ScenarioResult & { baselined?: boolean }
