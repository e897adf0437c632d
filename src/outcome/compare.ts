import type { ChildOutcome, FieldDiff, Mode, PlainValue } from '../types.js'
import type { Classification, ComparableOutcome, Variation } from './contract.js'
import { compareText } from './order.js'
import { ancestorsOf, comparePaths, joinKey, subtreeAt } from './paths.js'
import { comparableAsIs } from './rewrite.js'
import { isScalarTag } from './tags.js'

/** Diffs and variations listed in a classification; `masked` always lists every path. */
const MAX_LISTED = 50
/** Stands for a path a run does not have; JSON never produces it. */
const MISSING = 'undefined'
const STREAMS = ['stdout', 'stderr'] as const
/** `[0].stdout[3]` → `[0].stdout`. */
const STREAM_LINE = /^(\[\d+\]\.(?:stdout|stderr))\[\d+\]$/
/** `[0]`: a whole worker outcome, never shown as one value. */
const WORKER_ROOT = /^\[\d+\]$/

/** Leaf values of one worker or run, by path, each as JSON. */
type Leaves = Map<string, string>

/**
 * A stable string for one outcome: JSON with object keys sorted, so key order never matters.
 *
 * @example
 * canonicalKey(a) === canonicalKey(b) // a and b are the same outcome
 */
export function canonicalKey(outcome: ComparableOutcome): string {
  return JSON.stringify(outcome, (_key, value: unknown) => (isRecord(value) ? sortKeys(value) : value))
}

/**
 * Compares the runs of both modes (each run as `normalizeRun` returns it). A path that varies
 * between runs of one mode is masked in both; a stable path that differs across modes means
 * `differs`; variation alone means `flaky`.
 *
 * @example
 * classify([forkRun], [spawnRun]).verdict // 'same' | 'differs' | 'flaky'
 */
export function classify(fork: ComparableOutcome[][], spawn: ComparableOutcome[][]): Classification {
  // A mode without runs compares as one run without workers.
  if (fork.length === 0) fork = [[]]
  if (spawn.length === 0) spawn = [[]]
  if (haveSameRuns([...fork, ...spawn])) return same()
  const unstable = findUnstableFields([fork, spawn])
  const forkRuns = fork.map((run) => flattenRun(run, unstable))
  const spawnRuns = spawn.map((run) => flattenRun(run, unstable))
  const paths = collectPaths([...forkRuns, ...spawnRuns])
  const variations = [
    ...findVariations('fork', forkRuns, paths),
    ...findVariations('spawn', spawnRuns, paths),
  ]
  const masked = new Set(variations.map((variation) => variation.path))
  const diffs = findDiffs(forkRuns[0]!, spawnRuns[0]!, paths, masked)
  const verdict = diffs.length > 0 ? 'differs' : variations.length > 0 ? 'flaky' : 'same'
  const classification: Classification = {
    verdict,
    diffs: diffs.slice(0, MAX_LISTED),
    variations: variations.slice(0, MAX_LISTED),
    masked: [...masked].sort(),
  }
  if (diffs.length > MAX_LISTED) classification.unlistedDiffs = diffs.length - MAX_LISTED
  return classification
}

/** The runs of one mode, as they came back and as `normalizeRun` made them. */
export interface ModeRuns {
  raw: ChildOutcome[][]
  normalized: ComparableOutcome[][]
}

/**
 * `classify`, except that outcomes which came back identical are the same whatever their
 * normalization says: it only ever removes differences. A value that happens to equal a pid of
 * one run (`return 572` from a child whose parent is pid 572) becomes `<pid:1>` there alone.
 *
 * @example
 * classifyRuns({ raw, normalized }, { raw, normalized }).verdict // 'same' | 'differs' | 'flaky'
 */
export function classifyRuns(fork: ModeRuns, spawn: ModeRuns): Classification {
  const classification = classify(fork.normalized, spawn.normalized)
  if (classification.verdict === 'same') return classification
  return cameBackIdentical([...fork.raw, ...spawn.raw]) ? same() : classification
}

/**
 * True when every run holds the same outcomes exactly as they came back (no normalization): such
 * runs behaved the same, whatever volatile-looking values they hold.
 */
export function cameBackIdentical(runs: ChildOutcome[][]): boolean {
  return runs.length > 0 && haveSameRuns(runs.map((run) => run.map(comparableAsIs)))
}

/**
 * Whether candidate runs (a bisection trial, say) reproduce the reference mode: every path that
 * is stable in the reference and not masked has the reference's value in every candidate run.
 *
 * @example
 * matchesReference(forkRuns, trialRuns, classification.masked) // true: the trial behaved fork-like
 */
export function matchesReference(
  reference: ComparableOutcome[][],
  candidate: ComparableOutcome[][],
  masked: string[],
): boolean {
  if (reference.length === 0 || candidate.length === 0) return false
  const unstable = new Set(masked.map(toWorkerField))
  const referenceRuns = reference.map((run) => flattenRun(run, unstable))
  const candidateRuns = candidate.map((run) => flattenRun(run, unstable))
  const skipped = new Set(masked)
  for (const path of collectPaths([...referenceRuns, ...candidateRuns])) {
    if (skipped.has(path)) continue
    const expected = valueAt(referenceRuns[0]!, path)
    if (referenceRuns.some((run) => valueAt(run, path) !== expected)) continue
    if (candidateRuns.some((run) => valueAt(run, path) !== expected)) return false
  }
  return true
}

const same = (): Classification => ({ verdict: 'same', diffs: [], variations: [], masked: [] })

/** Fast path: every run of both modes holds the same multiset of outcomes. */
function haveSameRuns(runs: ComparableOutcome[][]): boolean {
  const keys = runs.map((run) => JSON.stringify(run.map(canonicalKey).sort()))
  return keys.every((key) => key === keys[0])
}

/**
 * Worker fields (`value.id`, not `[0].value.id`) whose multiset over a run's workers varies
 * between runs of one mode. Workers are aligned without them, so a random field cannot shuffle
 * which worker lands at which index.
 */
function findUnstableFields(modes: ComparableOutcome[][][]): Set<string> {
  const unstable = new Set<string>()
  for (const runs of modes) {
    const perRun = runs.map((run) => run.map(flattenWorker))
    const fields = collectPaths(perRun.flat())
    for (const field of fields) {
      const multisets = perRun.map((workers) =>
        workers
          .map((leaves) => valueAt(leaves, field))
          .sort()
          .join('\n'),
      )
      if (multisets.some((multiset) => multiset !== multisets[0])) unstable.add(field)
    }
  }
  return unstable
}

/** Leaves of a run by `[index].field`, workers sorted by their stable fields first. */
function flattenRun(run: ComparableOutcome[], unstable: Set<string>): Leaves {
  const workers = run.map((outcome) => {
    const leaves = flattenWorker(outcome)
    const stable = [...leaves].filter(([field]) => !unstable.has(field))
    return { leaves, stableKey: JSON.stringify(stable.sort()), fullKey: JSON.stringify([...leaves].sort()) }
  })
  workers.sort((a, b) => compareText(a.stableKey, b.stableKey) || compareText(a.fullKey, b.fullKey))
  const leaves: Leaves = new Map()
  workers.forEach((worker, index) => {
    for (const [field, value] of worker.leaves) leaves.set(`[${index}].${field}`, value)
  })
  return leaves
}

/** Output is compared line by line, so one noisy line masks itself and not the whole stream. */
function flattenWorker(outcome: ComparableOutcome): Leaves {
  const leaves: Leaves = new Map()
  const plain = JSON.parse(canonicalKey(outcome)) as Record<string, PlainValue>
  for (const stream of STREAMS) plain[stream] = splitLines(plain[stream] as string)
  addLeaves(leaves, '', plain)
  return leaves
}

/** Lines with their line breaks, so joining them gives the text back; `''` is one empty line. */
function splitLines(text: string): string[] {
  return text.split(/(?<=\n)/)
}

/**
 * Empty arrays and objects are leaves too, so `[]`, `{}` and a missing field stay distinct; so is
 * each tagged scalar (`undefined`, `1n`, a Date), so a diff reads `true` against `undefined`.
 */
function addLeaves(leaves: Leaves, path: string, value: PlainValue): void {
  const entries: [string, PlainValue][] = Array.isArray(value)
    ? value.map((item, index) => [`${path}[${index}]`, item])
    : isRecord(value) && !isScalarTag(value)
      ? Object.entries(value).map(([key, item]) => [joinKey(path, key), item])
      : []
  if (entries.length === 0) leaves.set(path, JSON.stringify(value))
  for (const [itemPath, item] of entries) addLeaves(leaves, itemPath, item)
}

function findVariations(mode: Mode, runs: Leaves[], paths: string[]): Variation[] {
  const variations: Variation[] = []
  for (const path of paths) {
    const counts = new Map<string, number>()
    for (const run of runs) counts.set(valueAt(run, path), (counts.get(valueAt(run, path)) ?? 0) + 1)
    if (counts.size > 1) variations.push({ mode, path, counts: [...counts.values()].sort((a, b) => b - a) })
  }
  return variations
}

/**
 * Differing lines of one stream are reported as one diff of the whole stream, as it reads. A path
 * that one side lacks while the other holds more below it (a `cause` only one error has), or holds
 * as a leaf while the other holds more (`[]` against `["a"]`, `true` against `{ on: true }`), is one
 * diff of both whole values, not one for each leaf below it.
 */
function findDiffs(fork: Leaves, spawn: Leaves, paths: string[], masked: Set<string>): FieldDiff[] {
  const differing = paths.filter((path) => !masked.has(path) && valueAt(fork, path) !== valueAt(spawn, path))
  if (differing.length === 0) return []
  const differingSet = new Set(differing)
  const held = [pathsHeld(fork), pathsHeld(spawn)]
  const isWhole = (path: string) =>
    !WORKER_ROOT.test(path) && (differingSet.has(path) || held.some((side) => !side.has(path)))
  const wholes = new Set<string>()
  const covered = new Set<string>()
  for (const path of differing) {
    if (STREAM_LINE.test(path)) continue
    const above = ancestorsOf(path).find(isWhole)
    if (above === undefined) continue
    wholes.add(above)
    covered.add(path)
  }
  const diffs = new Map<string, FieldDiff>()
  for (const path of wholes) diffs.set(path, { path, fork: wholeAt(fork, path), spawn: wholeAt(spawn, path) })
  for (const path of differing) {
    if (covered.has(path) || wholes.has(path)) continue
    const stream = STREAM_LINE.exec(path)?.[1]
    if (stream === undefined) {
      diffs.set(path, { path, fork: leafAt(fork, path), spawn: leafAt(spawn, path) })
    } else if (!diffs.has(stream)) {
      diffs.set(stream, { path: stream, fork: joinLines(fork, stream), spawn: joinLines(spawn, stream) })
    }
  }
  return [...diffs.values()].sort((a, b) => comparePaths(a.path, b.path))
}

/** Every path of a leaf and every path above one. */
function pathsHeld(leaves: Leaves): Set<string> {
  const held = new Set<string>()
  for (const path of leaves.keys()) {
    held.add(path)
    for (const above of ancestorsOf(path)) held.add(above)
  }
  return held
}

function leafAt(leaves: Leaves, path: string): PlainValue | undefined {
  return parseLeaf(leaves.get(path))
}

/** The value at `path`: its leaf, or what the leaves below it make up. */
function wholeAt(leaves: Leaves, path: string): PlainValue | undefined {
  return leaves.has(path) ? leafAt(leaves, path) : subtreeAt(leaves, path)
}

function joinLines(leaves: Leaves, stream: string): string | undefined {
  const lines: string[] = []
  for (let line = 0; leaves.has(`${stream}[${line}]`); line++) {
    lines.push(JSON.parse(leaves.get(`${stream}[${line}]`)!) as string)
  }
  return lines.length === 0 ? undefined : lines.join('')
}

function collectPaths(runs: Leaves[]): string[] {
  return [...new Set(runs.flatMap((run) => [...run.keys()]))].sort(comparePaths)
}

function valueAt(leaves: Leaves, path: string): string {
  return leaves.get(path) ?? MISSING
}

function parseLeaf(json: string | undefined): PlainValue | undefined {
  return json === undefined ? undefined : (JSON.parse(json) as PlainValue)
}

/** `[2].value.id` → `value.id`. */
function toWorkerField(path: string): string {
  return path.replace(/^\[\d+\]\./, '')
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function sortKeys(value: Record<string, unknown>): Record<string, unknown> {
  const sorted: Record<string, unknown> = {}
  for (const key of Object.keys(value).sort()) sorted[key] = value[key]
  return sorted
}
