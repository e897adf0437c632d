/**
 * Public types of forkcheck: the scenario contract, child outcomes and the JSON report.
 * Everything here crosses process boundaries as plain data (structured clone or JSON).
 */

/** How a child was started. */
export type Mode = 'fork' | 'spawn'

/** What a scenario expects of its two modes. */
export type Expectation = 'same' | 'differs'

/** The result of comparing the two modes of one scenario. */
export type Verdict = 'same' | 'differs' | 'flaky' | 'error'

/** A scenario result's verdict: the comparison's, or `skipped` for a scenario that never ran. */
export type ResultVerdict = Verdict | 'skipped'

/** What `parent()` receives. */
export interface ParentContext {
  /** Absolute path of the project root (the nearest folder with a package.json). */
  root: string
  /** The scenario's display name. */
  name: string
  /** How many children each mode starts. */
  workers: number
}

/** What `child()` receives, identical in both modes. */
export interface ChildContext<Input = unknown> {
  /** `parent()`'s return value, structured-cloned; `undefined` without `parent()`. */
  input: Input
  /** This child's index among the workers of its mode, from 0. */
  worker: number
  /** How many children this mode started. */
  workers: number
}

/** The part of a child's outcome that a scenario's own `normalize` may rewrite. */
export interface NormalizableOutcome {
  value?: unknown
  error?: ErrorInfo
}

/**
 * A scenario: code run in a child started fork-like and again spawn-like.
 *
 * @example
 * export default defineScenario({
 *   async parent() { process.env.DATABASE_URL = 'postgres://localhost/app' },
 *   async child() { return (await import('../src/config.js')).loadConfig() },
 * })
 */
export interface ScenarioSpec<Input = unknown> {
  /** Display name; defaults to the file name (plus the export name for named exports). */
  name?: string
  /** Node flags the scenario's parent process starts with (fork-like children inherit them). */
  execArgv?: string[]
  /** Environment given to the children of both modes. */
  env?: Record<string, string>
  /** Node flags given to the children of both modes. */
  childExecArgv?: string[]
  /** Children per mode, all released into `child()` together. Default 1. */
  workers?: number
  /** Milliseconds per child. Default 10 000. */
  timeout?: number
  /** `'same'` (default) or `'differs'` for a known, documented difference. */
  expect?: Expectation
  /** Runs of each mode. Default 1, and 2 when the first runs differ. */
  repeat?: number
  /** Run only the scenarios marked `only`. */
  only?: boolean
  /** Skip this scenario. */
  skip?: boolean
  /** Runs once in the scenario's parent process before any child starts. */
  parent?: (ctx: ParentContext) => Input | Promise<Input>
  /**
   * Runs in the parent while its children run `child()`; resolves before the children are ended.
   * Use it when parent and children must use a shared resource at the same time.
   */
  parentWhileChildren?: (ctx: ParentContext & { input: Input }) => unknown
  /** Runs in each child; its return value (or thrown error) is the outcome. */
  child: (ctx: ChildContext<Input>) => unknown
  /** Rewrites a child's value or error before comparison, in the child, in both modes. */
  normalize?: (outcome: NormalizableOutcome) => NormalizableOutcome
}

/** A thrown error, as plain data. */
export interface ErrorInfo {
  name: string
  message: string
  code?: string
  /** First stack frame in user code, `path:line` relative to the project root. */
  at?: string
  /** The stack, source-mapped, with the harness's own frames removed (the thrown error's only). */
  stack?: string
  /** What it wraps (`new Error('…', { cause })`), up to 5 deep. */
  cause?: ErrorInfo
  /** An AggregateError's errors, up to 20. */
  errors?: ErrorInfo[]
}

/**
 * How a child ended:
 * - `returned`: `child()` returned a value;
 * - `threw`: `child()` (or loading the scenario file) threw;
 * - `exited`: the process ended before `child()` settled (`process.exit`, a crash, a signal);
 * - `timeout`: the child was killed at its timeout;
 * - `uncloneable`: `child()` returned a value that structured clone cannot copy.
 */
export type OutcomeStatus = 'returned' | 'threw' | 'exited' | 'timeout' | 'uncloneable'

/**
 * A value made JSON-safe: JSON values stay as they are; everything else becomes a tagged object
 * `{ "$type": "Map" | "Set" | "Date" | "bigint" | "undefined" | "number" | "RegExp" | "Error" |
 * "bytes" | "circular" | …, … }`.
 */
export type PlainValue = null | boolean | number | string | PlainValue[] | { [key: string]: PlainValue }

/**
 * How a child ended when it did not end the deliberate way (reported its outcome, then ended on
 * release or was stopped by the harness). Not compared: `status`, `exitCode`, `signal` and
 * `stderr` already carry the facts; this names them.
 *
 * @example
 * { kind: 'uncaught-exception', afterOutcome: true,
 *   message: 'An uncaught exception ended the child after reporting its outcome: Error: late (at scenarios/x.scenario.ts:4)' }
 */
export interface CrashInfo {
  /**
   * - `exit`: the process exited by itself before `child()` settled (`process.exit()`, or nothing
   *   kept it alive), or with a non-zero code after it;
   * - `signal`: a signal the harness did not send (SIGSEGV, SIGABRT from `process.abort()`, …);
   * - `out-of-memory`: V8 ran out of heap (`--max-old-space-size`);
   * - `uncaught-exception`, `unhandled-rejection`: an error nobody caught ended the process.
   */
  kind: 'exit' | 'signal' | 'out-of-memory' | 'uncaught-exception' | 'unhandled-rejection'
  /** True when the child had already reported its outcome: the crash came while it was ending. */
  afterOutcome: boolean
  /**
   * One line for people. For `out-of-memory` it holds V8's FATAL ERROR line: V8's report (heap
   * figures that change every run) is cut from `stderr`, or the two modes could never compare.
   */
  message: string
  /** The uncaught error (kinds `uncaught-exception`, `unhandled-rejection`). */
  error?: ErrorInfo
}

/** Which exit events Node emitted after the child was released (so listeners on them ran). */
export interface ExitHooks {
  /** Node emitted `'exit'`: the process ended normally or through `process.exit()`. */
  exit: boolean
  /** Node emitted `'beforeExit'`: the event loop ran out of work on its own. */
  beforeExit: boolean
}

/** One child's outcome. */
export interface ChildOutcome {
  /** Index among the workers of its mode (not compared: workers are interchangeable). */
  worker: number
  status: OutcomeStatus
  /** The return value (status `returned`). */
  value?: PlainValue
  /** The thrown error (status `threw`, `uncloneable`). */
  error?: ErrorInfo
  exitCode: number | null
  signal: string | null
  timedOut: boolean
  stdout: string
  stderr: string
  /** Bytes beyond the capture cap that were dropped, per stream. */
  truncated?: { stdout: number; stderr: number }
  /**
   * Resources (handle types) still keeping the child alive when `child()` settled, user-made only,
   * without stdout's and stderr's own handles; a cluster worker's server of the primary as
   * `TCPServerWrap`, as a plain process lists it.
   */
  openHandles: string[]
  /** Present when the child ran to its deliberate end. */
  exitHooks?: ExitHooks
  /** Wall time of `child()` in ms (never compared). */
  durationMs?: number
  /**
   * Status `timeout`: what was keeping the child alive when it was stopped (never compared), e.g.
   * `['Timeout (setInterval 1000 ms, callback at scenarios/x.scenario.ts:7)']`,
   * `['IPC channel (process.channel)']` when only a cluster worker's channel held it, or
   * `['event loop blocked: no answer within 200 ms']`.
   */
  keptAlive?: string[]
  /** Set when the child did not end the deliberate way (never compared; see CrashInfo). */
  crash?: CrashInfo
}

/** Per mode: one array per run, each with one outcome per worker. */
export interface ModeOutcomes {
  fork: ChildOutcome[][]
  spawn: ChildOutcome[][]
}

/** Kinds of inherited state a difference can be attributed to. */
export type CauseKind = 'env' | 'execArgv' | 'cwd' | 'ipc' | 'cluster' | 'stdio' | 'global'

/** An inherited item the fork-like child had and the spawn-like child did not. */
export interface InheritedItem {
  kind: CauseKind
  /** See DESIGN.md's cause table: env name, whole execArgv entry, relative cwd, `role`/`listen`… */
  name?: string
}

/** An inherited item held responsible for a difference. */
export interface Cause extends InheritedItem {
  /** True when a clean spawn given only the causes reproduced the fork-like outcome. */
  confirmed: boolean
  /** Where the parent last set it, `path:line` relative to the root. */
  setAt?: string
  /** When setAt is inside a dependency: the project's own line that called into it. */
  setVia?: string
  /**
   * An env cause the parent did not set: it was in the environment forkcheck started in (the
   * shell, CI, `npm run`), and fork-like children inherited it from there.
   */
  setBeforeRun?: true
  /** Where the child first read it, `path:line` relative to the root. */
  readAt?: string
  /** When readAt is inside a dependency: the project's own line that called into it. */
  readVia?: string
}

/**
 * A field whose normalized value differs between the modes: the deepest path at which they
 * differ, with both values (`undefined` where a side lacks it). A tagged value (`{ "$type": "undefined" }`, a bigint, a Date)
 * counts as one value, and a path that one side lacks, or holds as a value while the other holds
 * more below it (`[]` against `["a"]`), is one diff of both whole values.
 */
export interface FieldDiff {
  /** A path into the sorted worker outcomes, e.g. `[0].value.port`. */
  path: string
  fork: PlainValue | undefined
  spawn: PlainValue | undefined
}

/** The result of one scenario. */
export interface ScenarioResult {
  /** `file#exportName`, stable across runs. */
  id: string
  /** Scenario file relative to the root, with `/` separators. */
  file: string
  exportName: string
  name: string
  /** `skipped` when `skip`, `only` or `-t` left the scenario out: it never ran. */
  verdict: ResultVerdict
  expected: Expectation
  /** The verdict meets `expected`; true for a skipped scenario, which does not fail the run. */
  pass: boolean
  outcomes: ModeOutcomes
  causes: Cause[]
  /** Normalized fields that differ (verdict `differs`), the first 50 in path order. */
  diffs?: FieldDiff[]
  /** How many more fields differ than `diffs` lists. */
  unlistedDiffs?: number
  /** Why the scenario could not run (verdict `error`). */
  error?: { message: string; phase: 'load' | 'options' | 'parent' | 'run' | 'internal' }
  /** Inherited items the child read that did not change its outcome. */
  harmlessReads?: InheritedItem[]
  /** How the causes were found: extra child runs, whether the budget ran out, and why none was confirmed. */
  attribution?: { runs: number; bounded: boolean; note?: string }
  /** Fields that varied between runs of one mode (masked from the comparison). */
  variations?: Array<{ mode: Mode; path: string; counts: number[] }>
  /** A shell command that reproduces the fork-like outcome with only the causes (values redacted). */
  reproduce?: string
  /** Excused by an entry of the baseline file (it passes although it differs). */
  baselined?: boolean
  durationMs: number
  /** True exactly when the verdict is `skipped` (kept for readers of older reports). */
  skipped?: boolean
}

/** Counts over the scenarios a report lists: `total` is the sum of the five verdicts' counts. */
export interface ReportSummary {
  total: number
  same: number
  differs: number
  flaky: number
  error: number
  skipped: number
  /** Scenarios that ran and whose verdict does not meet their expectation. */
  failed: number
}

/** The JSON report (version 1). */
export interface Report {
  version: 1
  /** Absolute path of the project root. */
  root: string
  startedAt: string
  durationMs: number
  /** True when the run was stopped by SIGINT/SIGTERM before it finished. */
  interrupted?: boolean
  scenarios: ScenarioResult[]
  summary: ReportSummary
}

/** A scenario found and validated before the run, as reporters see it. */
export interface PlannedScenario {
  id: string
  file: string
  exportName: string
  name: string
}

/**
 * A reporter: every hook is optional and may be async.
 *
 * @example
 * const reporter: Reporter = { onScenarioEnd: (r) => console.log(r.id, r.verdict) }
 */
export interface Reporter {
  onRunStart?(info: { root: string; scenarios: PlannedScenario[] }): void | Promise<void>
  onScenarioStart?(scenario: PlannedScenario): void | Promise<void>
  onScenarioEnd?(result: ScenarioResult): void | Promise<void>
  onRunEnd?(report: Report): void | Promise<void>
}
