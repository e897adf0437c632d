import { compareText } from '../outcome/order.js'
import type { InheritedItem, ScenarioResult } from '../types.js'
import type { BaselineEntry } from './types.js'

/** A difference the baseline is about: it differs where `same` was expected (so it fails). */
export function isKnownDifferenceCandidate(result: ScenarioResult): boolean {
  return !result.skipped && result.verdict === 'differs' && result.expected === 'same'
}

/** `env DATABASE_URL`, `ipc`: one inherited item as text, for comparing and for messages. */
export function formatItem(item: InheritedItem): string {
  return item.name === undefined ? item.kind : `${item.kind} ${item.name}`
}

/** Whether the entry has passed its `expires` date at `now`. */
export function isExpired(entry: BaselineEntry, now: Date): boolean {
  return entry.expires !== undefined && now.getTime() >= Date.parse(entry.expires)
}

/** The result's causes that the entry does not list. */
export function findUncoveredCauses(result: ScenarioResult, entry: BaselineEntry): InheritedItem[] {
  const known = new Set(entry.causes.map(formatItem))
  return result.causes.filter((cause) => !known.has(formatItem(cause)))
}

/** The causes of a result as baseline items: kind and name only, sorted, without repeats. */
export function toBaselineCauses(result: ScenarioResult): InheritedItem[] {
  const byText = new Map<string, InheritedItem>()
  for (const { kind, name } of result.causes) {
    const item: InheritedItem = name === undefined ? { kind } : { kind, name }
    byText.set(formatItem(item), item)
  }
  return [...byText.entries()].sort(([a], [b]) => compareText(a, b)).map(([, item]) => item)
}
