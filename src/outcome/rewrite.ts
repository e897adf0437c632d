import type { ChildOutcome, ErrorInfo, PlainValue } from '../types.js'
import {
  CLOCK_PATTERNS,
  type Clock,
  HRTIME,
  isEpoch,
  isHrtime,
  labelClockText,
  makeClock,
  TIME,
} from './clock.js'
import type { ComparableOutcome, VolatileHints } from './contract.js'
import { compareText } from './order.js'

/** Volatile identities that get a placeholder numbered by first appearance, such as `<port:2>`. */
export type Kind = 'pid' | 'port' | 'tmp' | 'uuid' | 'addr'
/** Returns the placeholder of one volatile identity, identified by `key` within its kind. */
export type Label = (kind: Kind, key: string) => string

/** Measured durations are unnumbered, like clock readings: they meet by chance. */
const DURATION = '<duration>'
const ROOT = '<root>'
/** Pids below this are replaced only next to a `pid` word or key: small numbers are mostly counts. */
const MIN_BARE_PID = 100

const PID_KEY = /(?:(?:^|[^a-zA-Z])p?pids?|Pids?|PIDS?)(?:$|[^a-z])/
const PID_BEFORE = /(?:(?:^|[^a-zA-Z])p?pid|Pid|PID)[\s:=#]{0,3}$/
/** A string that is one duration and nothing else reads as a setting (`'500ms'`), not a measurement. */
const SETTING_DURATION = /^\d+ ?(?:ms|µs|μs|us|ns|s|secs?|seconds?|m|mins?|minutes?|h|hours?)$/
/** The random end of a temp folder's name: long hex (`randomBytes`), else mkdtemp's six characters. */
const TEMP_SUFFIX = /(?:[0-9a-f]{16,}|[A-Za-z0-9]{6})$/
/** One pattern per volatile shape of text other than paths, whose pattern is built from the hints. */
const TEXT_PATTERNS = [
  ...CLOCK_PATTERNS,
  /(?<![0-9A-Za-z])(?<uuid>[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})(?![0-9A-Za-z])/
    .source,
  // 64-bit pointers; 8 hex digits are left alone, being far more often constants than addresses.
  /(?<![0-9A-Za-z])(?<addr>0x[0-9a-fA-F]{9,16})(?![0-9A-Za-z])/.source,
  // Not before a `-`: `2024-03-10 us-east-1` is a date and a region, not 10 µs.
  /(?<![\w.])(?<duration>\d+(?:\.\d+)? ?(?:ms|µs|μs|us|ns)|\d+\.\d+ ?(?:s|secs?|seconds)|(?<=\b(?:took|in|after|elapsed|within) )\d+ ?(?:s|secs?|seconds))(?![\w-])/
    .source,
  /(?<![A-Za-z0-9.])(?<number>\d+(?:\.\d+)?)(?![A-Za-z0-9]|\.\d)/.source,
]
/** Characters of one path segment. */
const SEGMENT = String.raw`[^/\\\s'"\x60,;:()[\]{}<>|]`

export interface Rules {
  /** The root without a trailing separator. */
  root: string
  /** Temp folders without a trailing separator, longest first. */
  tempRoots: string[]
  pids: Set<number>
  ports: Set<number>
  clock: Clock
  /** Matches every volatile shape. */
  text: RegExp
  /** Matches every volatile shape but paths (for a temp folder's own name). */
  inName: RegExp
  /** Matches paths only (for `error.at`, whose line numbers are not volatile). */
  paths: RegExp | undefined
}

export function compileRules(hints: VolatileHints): Rules {
  const root = trimSeparators(hints.root)
  const tempRoots = hints.tmpDirs
    .map(trimSeparators)
    .filter((dir) => dir !== '')
    .sort((a, b) => b.length - a.length)
  const prefixes = [root, ...tempRoots].filter((dir) => dir !== '').sort((a, b) => b.length - a.length)
  return {
    root,
    tempRoots,
    pids: new Set(hints.pids),
    ports: new Set(hints.ports.filter((port) => port > 0)),
    clock: makeClock(hints),
    inName: IN_NAME,
    ...compilePatterns(prefixes),
  }
}

/** Every volatile shape but paths: one pattern for every run. */
const IN_NAME = new RegExp(TEXT_PATTERNS.join('|'), 'g')
/** How many sets of path prefixes keep their compiled patterns. */
const MAX_COMPILED = 32
// A RegExp keeps its compiled code while it lives, and the prefixes (the root and the temp folders)
// are mostly the same from one run to the next: reuse the patterns instead of compiling anew.
// Sharing global patterns is safe: they are only used through `replace`, which resets lastIndex.
const compiled = new Map<string, Pick<Rules, 'text' | 'paths'>>()

function compilePatterns(prefixes: string[]): Pick<Rules, 'text' | 'paths'> {
  const key = prefixes.join('\0')
  let patterns = compiled.get(key)
  if (patterns === undefined) {
    const pathPattern = prefixes.length === 0 ? undefined : buildPathPattern(prefixes)
    patterns = {
      text: new RegExp([pathPattern, ...TEXT_PATTERNS].filter(Boolean).join('|'), 'g'),
      paths: pathPattern === undefined ? undefined : new RegExp(pathPattern, 'g'),
    }
    if (compiled.size >= MAX_COMPILED) compiled.delete(compiled.keys().next().value!)
    compiled.set(key, patterns)
  }
  return patterns
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

/** The compared fields of one outcome with every volatile value replaced through `label`. */
export function rewriteOutcome(outcome: ChildOutcome, rules: Rules, label: Label): ComparableOutcome {
  const rewriteText = (text: string) => replaceVolatile(text, rules, label, rules.text)
  return selectCompared(outcome, {
    text: rewriteText,
    value: (value) => rewriteValue(value, rules, label, undefined),
    at: (at) => (rules.paths ? replaceVolatile(at, rules, label, rules.paths) : at),
  })
}

const unchanged = <T>(value: T): T => value

/** The compared fields of one outcome exactly as it came back: nothing replaced. */
export function comparableAsIs(outcome: ChildOutcome): ComparableOutcome {
  return selectCompared(outcome, { text: unchanged, value: unchanged, at: unchanged })
}

interface Rewrite {
  text: (text: string) => string
  value: (value: PlainValue) => PlainValue
  /** `error.at`, whose line numbers are not volatile. */
  at: (at: string) => string
}

/** The fields of an outcome that verdicts compare (never its stack, timing or pids), rewritten. */
function selectCompared(outcome: ChildOutcome, rewrite: Rewrite): ComparableOutcome {
  const { status, exitCode, signal, timedOut } = outcome
  const value = outcome.value === undefined ? undefined : rewrite.value(outcome.value)
  const error = outcome.error === undefined ? undefined : selectComparedError(outcome.error, rewrite)
  const stdout = rewrite.text(outcome.stdout)
  const stderr = rewrite.text(outcome.stderr)
  const openHandles = [...outcome.openHandles].sort()
  const comparable: ComparableOutcome = { status, exitCode, signal, timedOut, stdout, stderr, openHandles }
  if (value !== undefined) comparable.value = value
  if (error !== undefined) comparable.error = error
  if (outcome.exitHooks !== undefined) comparable.exitHooks = { ...outcome.exitHooks }
  return comparable
}

/** An error's compared fields, and those of the errors it wraps: never a stack. */
function selectComparedError(error: ErrorInfo, rewrite: Rewrite): Omit<ErrorInfo, 'stack'> {
  const { stack: _stack, cause, errors, ...compared } = error
  const selected: Omit<ErrorInfo, 'stack'> = { ...compared, message: rewrite.text(error.message) }
  if (error.at !== undefined) selected.at = rewrite.at(error.at)
  if (cause !== undefined) selected.cause = selectComparedError(cause, rewrite)
  if (errors !== undefined) selected.errors = errors.map((item) => selectComparedError(item, rewrite))
  return selected
}

function rewriteValue(value: PlainValue, rules: Rules, label: Label, key: string | undefined): PlainValue {
  if (typeof value === 'string') {
    return SETTING_DURATION.test(value) ? value : replaceVolatile(value, rules, label, rules.text)
  }
  if (typeof value === 'number') {
    return labelNumber(value, String(value), rules, label, key !== undefined && PID_KEY.test(key))
  }
  if (value === null || typeof value === 'boolean') return value
  if (Array.isArray(value)) return value.map((item) => rewriteValue(item, rules, label, key))
  if (value.$type === 'bytes') return value
  if (value.$type === 'bigint' && typeof value.value === 'string') return rewriteBigint(value, rules)
  return rewriteObject(value, rules, label)
}

function rewriteBigint(value: { [key: string]: PlainValue }, rules: Rules): PlainValue {
  const digits = value.value as string
  if (isHrtime(digits, rules.clock)) return { ...value, value: HRTIME }
  if (/^\d{1,16}$/.test(digits) && isEpoch(Number(digits), rules.clock)) return { ...value, value: TIME }
  return value
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
    // Unnumbered placeholders (`<duration>`) may merge keys: keep both.
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
    if (groups.uuid !== undefined) return labelUuid(match, label)
    if (groups.addr !== undefined) return label('addr', match.toLowerCase())
    if (groups.duration !== undefined) return DURATION
    if (groups.number === undefined) return labelClockText(match, groups, rules.clock)
    const pidContext = PID_BEFORE.test(text.slice(Math.max(0, offset - 8), offset))
    const labeled = labelNumber(Number(match), match, rules, label, pidContext)
    return typeof labeled === 'string' ? labeled : match
  })
}

/**
 * The root becomes `<root>`. A temp folder stays as it is (an inherited TMPDIR must show), and the
 * random end of the folder made in it is numbered: `/tmp/app-<tmp:1>/data.json`.
 */
function labelPath(match: string, rules: Rules, label: Label): string {
  const temp = rules.tempRoots.find((dir) => match.startsWith(dir))
  const inRoot = rules.root !== '' && match.startsWith(rules.root)
  // A temp folder inside the root is more specific than the root, and the root inside a temp folder.
  if (inRoot && (temp === undefined || temp.length <= rules.root.length)) {
    return ROOT + match.slice(rules.root.length)
  }
  if (temp === undefined || match.length === temp.length) return match
  const name = match.slice(temp.length + 1)
  return match.slice(0, temp.length + 1) + labelTempName(name, match, rules, label)
}

function labelTempName(name: string, folder: string, rules: Rules, label: Label): string {
  // A folder named after a uuid, a pid or a time is labeled as that.
  const known = replaceVolatile(name, rules, label, rules.inName)
  if (known !== name) return known
  const suffix = TEMP_SUFFIX.exec(name)
  return suffix === null ? name : name.slice(0, suffix.index) + label('tmp', folder)
}

/** Pids and ports must be in the hints; clock readings must fall inside the run's windows. */
function labelNumber(
  value: number,
  digits: string,
  rules: Rules,
  label: Label,
  pidContext: boolean,
): PlainValue {
  if (rules.pids.has(value) && (value >= MIN_BARE_PID || pidContext)) return label('pid', String(value))
  if (rules.ports.has(value)) return label('port', String(value))
  if (isEpoch(value, rules.clock)) return TIME
  if (Number.isInteger(value) && isHrtime(digits, rules.clock)) return HRTIME
  return value
}

/** Name-based (v3, v5), nil and max UUIDs are deterministic: only the others are volatile. */
function labelUuid(match: string, label: Label): string {
  const uuid = match.toLowerCase()
  const version = uuid[14]
  if (version === '3' || version === '5' || /^[0-]+$|^[f-]+$/.test(uuid)) return match
  return label('uuid', uuid)
}
