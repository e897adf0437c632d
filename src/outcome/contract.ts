import type {
  ChildOutcome,
  ErrorInfo,
  ExitHooks,
  FieldDiff,
  Mode,
  OutcomeStatus,
  PlainValue,
} from '../types.js'

/** Facts about one run of one mode that tell volatile values apart from real ones. */
export interface VolatileHints {
  /** Pids of the processes of this run: each child, its parent process, the harness. */
  pids: number[]
  /** Ports the system gave the listens of this run's children (`listen(0)`; recorded by the listen probe). */
  ports: number[]
  /** Absolute project root. */
  root: string
  /** Temp folders (os.tmpdir() of the harness and of the children). */
  tmpDirs: string[]
  /** Epoch-ms window of the run (start minus slack, end plus slack). */
  timeWindow: [number, number]
  /** Epoch-ms start and end of the run itself: a time of day without a date must fall near it. */
  runWindow?: [number, number]
  /** The harness's offset from UTC during the run, in ms (times of day may be local). */
  zoneOffset?: number
  /** `process.hrtime.bigint()` at the run's start and end, slack included. */
  hrtimeWindow?: [bigint, bigint]
}

/** The compared part of one child's outcome, after normalization. */
export interface ComparableOutcome {
  status: OutcomeStatus
  value?: PlainValue
  error?: Omit<ErrorInfo, 'stack'>
  exitCode: number | null
  signal: string | null
  timedOut: boolean
  stdout: string
  stderr: string
  openHandles: string[]
  exitHooks?: ExitHooks
}

/** Where a field varied between runs of one mode. */
export interface Variation {
  mode: Mode
  path: string
  /** How many runs showed each distinct value of the field, most common first. */
  counts: number[]
}

/** The comparison of the runs of both modes of one scenario. */
export interface Classification {
  verdict: 'same' | 'differs' | 'flaky'
  /** Fields stable within each mode whose values differ across modes (the first 50). */
  diffs: FieldDiff[]
  /** How many more differ than `diffs` lists. */
  unlistedDiffs?: number
  /** Fields that varied within a mode (masked from the comparison). */
  variations: Variation[]
  /** Paths masked because they varied within a mode. */
  masked: string[]
}

export type { ChildOutcome }
