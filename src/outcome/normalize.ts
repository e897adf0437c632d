import type { ChildOutcome } from '../types.js'
import { canonicalKey } from './compare.js'
import type { ComparableOutcome, VolatileHints } from './contract.js'
import { compareText } from './order.js'
import { compileRules, type Kind, type Label, type Rules, rewriteOutcome } from './rewrite.js'

/**
 * Makes one run of one mode comparable: drops uncompared fields, replaces volatile values with
 * placeholders numbered by first appearance across the run's workers, and sorts the workers.
 *
 * @example
 * normalizeRun([a, b], hints) // both workers listened on one port: value.port is '<port:1>' twice
 */
export function normalizeRun(outcomes: ChildOutcome[], hints: VolatileHints): ComparableOutcome[] {
  const rules = compileRules(hints)
  const workers = outcomes.map((outcome) => recordWorker(outcome, rules))
  const numbering = new Numbering()
  const normalized: ComparableOutcome[] = []
  // Number in an order set by content, not by completion order; ties go to the lowest numbers.
  rankWorkers(workers)
  const remaining = workers.sort((a, b) => a.rank - b.rank)
  while (remaining.length > 0) {
    const next = pickNext(remaining, numbering)
    remaining.splice(remaining.indexOf(next), 1)
    // Without volatile values the numbered rewrite is the one already made: reuse it.
    normalized.push(
      next.tokens.length === 0 ? next.rewritten : rewriteOutcome(next.outcome, rules, numbering.label),
    )
  }
  return normalized.sort((a, b) => compareText(canonicalKey(a), canonicalKey(b)))
}

interface RecordedWorker {
  outcome: ChildOutcome
  /** The outcome rewritten with un-numbered placeholders. */
  rewritten: ComparableOutcome
  /** Canonical key with un-numbered placeholders: independent of the volatile values. */
  skeleton: string
  /** The volatile values in order of appearance, as `kind` and `key`. */
  tokens: [Kind, string][]
  /** Position among the workers by content alone; equal ranks are told apart while numbering. */
  rank: number
}

function recordWorker(outcome: ChildOutcome, rules: Rules): RecordedWorker {
  const tokens: [Kind, string][] = []
  const label: Label = (kind, key) => {
    tokens.push([kind, key])
    return `<${kind}>`
  }
  const rewritten = rewriteOutcome(outcome, rules, label)
  return { outcome, rewritten, skeleton: canonicalKey(rewritten), tokens, rank: 0 }
}

/**
 * Ranks workers by their content and by how they share volatile values (which value recurs in
 * which workers, at which place), never by the values themselves; refined until stable.
 */
function rankWorkers(workers: RecordedWorker[]): void {
  const valueIds = workers.map((worker) => worker.tokens.map(([kind, key]) => `${kind}\0${key}`))
  let ranks = toRanks(workers.map((worker) => worker.skeleton))
  for (let round = 1; round < workers.length; round++) {
    const places = new Map<string, string[]>()
    valueIds.forEach((ids, index) => {
      for (const [position, id] of ids.entries()) {
        const place = `${ranks[index]}@${position}`
        const known = places.get(id)
        if (known === undefined) places.set(id, [place])
        else known.push(place)
      }
    })
    // Rank the values by where they occur, so a worker's shape stays as long as its own values.
    const seen = [...places.keys()]
    const valueRanks = toRanks(seen.map((id) => places.get(id)!.sort().join(' ')))
    const rankOf = new Map(seen.map((id, index) => [id, valueRanks[index]!]))
    const shapes = valueIds.map((ids) => ids.map((id) => rankOf.get(id)).join(','))
    const refined = toRanks(ranks.map((rank, index) => `${String(rank).padStart(8, '0')}|${shapes[index]}`))
    const settled = new Set(refined).size === new Set(ranks).size
    ranks = refined
    if (settled) break
  }
  for (const [index, worker] of workers.entries()) worker.rank = ranks[index]!
}

/** Replaces each key by the position of its value among the distinct sorted keys. */
function toRanks(keys: string[]): number[] {
  const rankOf = new Map([...new Set(keys)].sort(compareText).map((key, rank) => [key, rank]))
  return keys.map((key) => rankOf.get(key)!)
}

function pickNext(sorted: RecordedWorker[], numbering: Numbering): RecordedWorker {
  let best = sorted[0]!
  let bestNumbers = numbering.preview(best.tokens)
  for (const candidate of sorted.slice(1)) {
    if (candidate.rank !== best.rank) break
    const numbers = numbering.preview(candidate.tokens)
    if (compareNumbers(numbers, bestNumbers) < 0) {
      best = candidate
      bestNumbers = numbers
    }
  }
  return best
}

/** Numbers volatile identities by first appearance, per kind, across the workers of a run. */
class Numbering {
  private seen = new Map<string, number>()
  private counts = new Map<Kind, number>()

  label: Label = (kind, key) => `<${kind}:${this.assign(kind, key)}>`

  /** The numbers `tokens` would get if their worker came next. */
  preview(tokens: [Kind, string][]): number[] {
    const trial = new Numbering()
    trial.seen = new Map(this.seen)
    trial.counts = new Map(this.counts)
    return tokens.map(([kind, key]) => trial.assign(kind, key))
  }

  private assign(kind: Kind, key: string): number {
    const id = `${kind}\0${key}`
    let number = this.seen.get(id)
    if (number === undefined) {
      number = (this.counts.get(kind) ?? 0) + 1
      this.counts.set(kind, number)
      this.seen.set(id, number)
    }
    return number
  }
}

function compareNumbers(a: number[], b: number[]): number {
  for (let index = 0; index < Math.min(a.length, b.length); index++) {
    if (a[index] !== b[index]) return a[index]! - b[index]!
  }
  return a.length - b.length
}
