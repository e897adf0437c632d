import type { ChildOutcome, PlainValue } from '../types.js'
import { canonicalKey } from './compare.js'
import type { ComparableOutcome, VolatileHints } from './contract.js'

/** Volatile values that get a numbered placeholder such as `<port:2>`. */
type Kind = 'pid' | 'port' | 'tmp' | 'time' | 'uuid' | 'addr' | 'hrtime'
/** Returns the placeholder of one volatile value, identified by `key` within its kind. */
type Label = (kind: Kind, key: string) => string

/** Pids below this are replaced only next to a `pid` word or key: small numbers are mostly counts. */
const MIN_BARE_PID = 100
const QUARTER_HOUR_MS = 15 * 60_000
/** Offsets a zoneless local time may have from UTC, in quarter hours (±14 h). */
const MAX_ZONE_QUARTERS = 56

const PID_KEY = /(?:(?:^|[^a-zA-Z])p?pids?|Pids?|PIDS?)(?:$|[^a-z])/
const PID_BEFORE = /(?:(?:^|[^a-zA-Z])p?pid|Pid|PID)[\s:=#]{0,3}$/
const ISO_PARTS =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/
/** One pattern per volatile shape of text; the path pattern is built from the hints. */
const TEXT_PATTERNS = [
  /(?<![0-9.:])(?<iso>\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d{1,9})?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)(?![0-9])/,
  /\b(?<jsDate>(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) [A-Z][a-z]{2} \d{2} \d{4} \d{2}:\d{2}:\d{2}) (?<jsZone>GMT[+-]\d{4})/,
  /\b(?<utcDate>(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2}) GMT\b/,
  /(?<![0-9A-Za-z-])(?<uuid>[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})(?![0-9A-Za-z-])/,
  /(?<![0-9A-Za-z])(?<addr>0x[0-9a-fA-F]{8,16})(?![0-9A-Za-z])/,
  /(?<![\w.])(?<duration>\d+(?:\.\d+)? ?(?:ms|µs|μs|us|ns)|\d+\.\d+ ?(?:s|secs?|seconds)|(?<=\b(?:took|in|after|elapsed|within) )\d+ ?(?:s|secs?|seconds))(?!\w)/,
  /(?<![A-Za-z0-9.])(?<number>\d+(?:\.\d+)?)(?![A-Za-z0-9]|\.\d)/,
].map((pattern) => pattern.source)
/** Characters of one path segment. */
const SEGMENT = String.raw`[^/\\\s'"\x60,;:()[\]{}<>|]`

interface Rules {
  hints: VolatileHints
  /** The root without a trailing separator. */
  root: string
  pids: Set<number>
  ports: Set<number>
  /** Root and temp folders, longest first so a root inside a temp folder wins. */
  prefixes: string[]
  /** Matches every volatile shape. */
  text: RegExp
  /** Matches paths only (for `error.at`, whose line numbers are not volatile). */
  paths: RegExp | undefined
}

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
    numbering.startWorker()
    normalized.push(rewriteOutcome(next.outcome, rules, numbering.label))
  }
  return normalized.sort((a, b) => compareText(canonicalKey(a), canonicalKey(b)))
}

interface RecordedWorker {
  outcome: ChildOutcome
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
  return { outcome, skeleton: canonicalKey(rewriteOutcome(outcome, rules, label)), tokens, rank: 0 }
}

/**
 * Ranks workers by their content and by how they share volatile values (which value recurs in
 * which workers, at which place), never by the values themselves; refined until stable.
 */
function rankWorkers(workers: RecordedWorker[]): void {
  const valueIds = workers.map((worker, index) =>
    worker.tokens.map(([kind, key]) => (kind === 'time' ? `time\0${index}\0${key}` : `${kind}\0${key}`)),
  )
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

/** Numbers volatile values by first appearance; times restart in each worker. */
class Numbering {
  private seen = new Map<string, number>()
  private counts = new Map<Kind, number>()
  private worker = 0

  // Clocks of concurrent workers meet by chance: a shared number across workers would be noise.
  startWorker(): void {
    this.worker++
    this.counts.delete('time')
  }

  label: Label = (kind, key) => `<${kind}:${this.assign(kind, key)}>`

  preview(tokens: [Kind, string][]): number[] {
    const trial = new Numbering()
    trial.seen = new Map(this.seen)
    trial.counts = new Map(this.counts)
    trial.worker = this.worker
    trial.startWorker()
    return tokens.map(([kind, key]) => trial.assign(kind, key))
  }

  private assign(kind: Kind, key: string): number {
    const id = kind === 'time' ? `time\0${this.worker}\0${key}` : `${kind}\0${key}`
    let number = this.seen.get(id)
    if (number === undefined) {
      number = (this.counts.get(kind) ?? 0) + 1
      this.counts.set(kind, number)
      this.seen.set(id, number)
    }
    return number
  }
}

function compileRules(hints: VolatileHints): Rules {
  const root = trimSeparators(hints.root)
  const prefixes = [root, ...hints.tmpDirs.map(trimSeparators)]
    .filter((dir) => dir !== '')
    .sort((a, b) => b.length - a.length)
  const pathPattern = prefixes.length === 0 ? undefined : buildPathPattern(prefixes)
  return {
    hints,
    root,
    pids: new Set(hints.pids),
    ports: new Set(hints.ports.filter((port) => port > 0)),
    prefixes,
    text: new RegExp([pathPattern, ...TEXT_PATTERNS].filter(Boolean).join('|'), 'g'),
    paths: pathPattern === undefined ? undefined : new RegExp(pathPattern, 'g'),
  }
}

function trimSeparators(dir: string): string {
  return dir.replace(/[/\\]+$/, '')
}

/** A known folder at a path start, plus the segment after it (a temp folder's random part). */
function buildPathPattern(prefixes: string[]): string {
  const start = String.raw`(?:(?<=file://)|(?<![^\s'"\x60(=:,[{<]))`
  const folders = prefixes.map((prefix) => prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')
  return `${start}(?<path>(?:${folders})(?:[/\\\\]${SEGMENT}+)?)(?!${SEGMENT})`
}

function rewriteOutcome(outcome: ChildOutcome, rules: Rules, label: Label): ComparableOutcome {
  const { status, exitCode, signal, timedOut } = outcome
  const rewriteText = (text: string) => replaceVolatile(text, rules, label, rules.text)
  const value = outcome.value === undefined ? undefined : rewriteValue(outcome.value, rules, label, undefined)
  const error = outcome.error === undefined ? undefined : { ...outcome.error }
  if (error !== undefined) {
    delete error.stack
    error.message = rewriteText(error.message)
    if (error.at !== undefined && rules.paths) error.at = replaceVolatile(error.at, rules, label, rules.paths)
  }
  const stdout = rewriteText(outcome.stdout)
  const stderr = rewriteText(outcome.stderr)
  const openHandles = [...outcome.openHandles].sort()
  const comparable: ComparableOutcome = { status, exitCode, signal, timedOut, stdout, stderr, openHandles }
  if (value !== undefined) comparable.value = value
  if (error !== undefined) comparable.error = error
  if (outcome.exitHooks !== undefined) comparable.exitHooks = { ...outcome.exitHooks }
  return comparable
}

function rewriteValue(value: PlainValue, rules: Rules, label: Label, key: string | undefined): PlainValue {
  if (typeof value === 'string') return replaceVolatile(value, rules, label, rules.text)
  if (typeof value === 'number')
    return labelNumber(value, rules, label, key !== undefined && PID_KEY.test(key))
  if (value === null || typeof value === 'boolean') return value
  if (Array.isArray(value)) return value.map((item) => rewriteValue(item, rules, label, key))
  if (value.$type === 'bytes') return value
  if (value.$type === 'bigint' && typeof value.value === 'string' && /^\d{13,}$/.test(value.value)) {
    return { ...value, value: label('hrtime', value.value) }
  }
  return rewriteObject(value, rules, label)
}

function rewriteObject(value: { [key: string]: PlainValue }, rules: Rules, label: Label): PlainValue {
  const unnumbered: Label = (kind) => `<${kind}>`
  // Visit keys in an order that does not depend on volatile keys, so numbering does not either.
  const keys = Object.keys(value)
    .map((key) => ({ key, skeleton: replaceVolatile(key, rules, unnumbered, rules.text) }))
    .sort((a, b) => compareText(a.skeleton, b.skeleton) || compareText(a.key, b.key))
  const rewritten: { [key: string]: PlainValue } = {}
  for (const { key } of keys) {
    let newKey = replaceVolatile(key, rules, label, rules.text)
    // Un-numbered placeholders (`<duration>`) may merge keys: keep both.
    for (let copy = 2; Object.hasOwn(rewritten, newKey); copy++) newKey = `${newKey}#${copy}`
    rewritten[newKey] = rewriteValue(value[key]!, rules, label, key)
  }
  return rewritten
}

function replaceVolatile(text: string, rules: Rules, label: Label, pattern: RegExp): string {
  return text.replace(pattern, (match: string, ...rest: unknown[]) => {
    const groups = rest.at(-1) as Record<string, string | undefined>
    const offset = rest.at(-3) as number
    if (groups.path !== undefined) return labelPath(match, rules, label)
    if (groups.iso !== undefined) return labelIsoTime(match, rules, label)
    if (groups.jsDate !== undefined)
      return labelTime(Date.parse(match), match, ` ${groups.jsZone}`, rules, label)
    if (groups.utcDate !== undefined) return labelTime(Date.parse(match), match, ' GMT', rules, label)
    if (groups.uuid !== undefined) return labelUuid(match, label)
    if (groups.addr !== undefined) return label('addr', match.toLowerCase())
    if (groups.duration !== undefined) return '<duration>'
    const pidContext = PID_BEFORE.test(text.slice(Math.max(0, offset - 8), offset))
    const labeled = labelNumber(Number(match), rules, label, pidContext)
    return typeof labeled === 'string' ? labeled : match
  })
}

function labelPath(match: string, rules: Rules, label: Label): string {
  if (rules.root !== '' && match.startsWith(rules.root)) {
    const rest = match.slice(rules.root.length)
    // A temp folder inside the root is more specific than the root.
    const inTemp = rules.prefixes.some(
      (prefix) => prefix.length > rules.root.length && match.startsWith(prefix),
    )
    if (!inTemp) return `<root>${rest}`
  }
  return label('tmp', match)
}

/** Pids and ports must be in the hints; epoch numbers must fall inside the run's time window. */
function labelNumber(value: number, rules: Rules, label: Label, pidContext: boolean): PlainValue {
  if (rules.pids.has(value) && (value >= MIN_BARE_PID || pidContext)) return label('pid', String(value))
  if (rules.ports.has(value)) return label('port', String(value))
  if (isInWindow(value, rules)) return label('time', String(value))
  if (isInWindow(value * 1000, rules)) return label('time', String(value * 1000))
  return value
}

function isInWindow(ms: number, rules: Rules): boolean {
  const [from, to] = rules.hints.timeWindow
  return ms > 0 && ms >= from && ms <= to
}

/** Keeps the zone written after the placeholder, so a time-zone difference stays visible. */
function labelIsoTime(match: string, rules: Rules, label: Label): string {
  const parts = ISO_PARTS.exec(match)
  if (parts === null) return match
  const [, year, month, day, hour, minute, second, fraction, zone] = parts
  const fractionMs = Number((fraction ?? '').padEnd(3, '0').slice(0, 3))
  const utc = Date.UTC(+year!, +month! - 1, +day!, +hour!, +minute!, +(second ?? 0), fractionMs)
  if (zone !== undefined) return labelTime(utc - zoneOffsetMs(zone), match, zone, rules, label)
  const quarters = inferZoneQuarters(utc, rules)
  if (quarters === undefined) return match
  const suffix = quarters === 0 ? '' : `(${formatZone(quarters * QUARTER_HOUR_MS)})`
  return label('time', String(utc - quarters * QUARTER_HOUR_MS)) + suffix
}

function labelTime(ms: number, match: string, zone: string, rules: Rules, label: Label): string {
  return isInWindow(ms, rules) ? label('time', String(ms)) + zone : match
}

function zoneOffsetMs(zone: string): number {
  if (zone === 'Z') return 0
  const digits = zone.slice(1).replace(':', '')
  const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0)
  return (zone.startsWith('-') ? -minutes : minutes) * 60_000
}

/** A zoneless time is volatile when it is "now" in UTC or in some zone: find that zone. */
function inferZoneQuarters(utc: number, rules: Rules): number | undefined {
  for (let step = 0; step <= 2 * MAX_ZONE_QUARTERS; step++) {
    const quarters = step % 2 === 0 ? step / 2 : -(step + 1) / 2
    if (isInWindow(utc - quarters * QUARTER_HOUR_MS, rules)) return quarters
  }
  return undefined
}

function formatZone(offsetMs: number): string {
  const minutes = Math.abs(offsetMs) / 60_000
  const hours = String(Math.floor(minutes / 60)).padStart(2, '0')
  return `${offsetMs < 0 ? '-' : '+'}${hours}:${String(minutes % 60).padStart(2, '0')}`
}

/** Name-based (v3, v5), nil and max UUIDs are deterministic: only the others are volatile. */
function labelUuid(match: string, label: Label): string {
  const uuid = match.toLowerCase()
  const version = uuid[14]
  if (version === '3' || version === '5' || /^[0-]+$|^[f-]+$/.test(uuid)) return match
  return label('uuid', uuid)
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

function compareNumbers(a: number[], b: number[]): number {
  for (let index = 0; index < Math.min(a.length, b.length); index++) {
    if (a[index] !== b[index]) return a[index]! - b[index]!
  }
  return a.length - b.length
}
