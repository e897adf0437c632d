import type { ProbeRead } from '../probes/recorder.js'
import type { ProbeWatch } from '../probes/watch.js'
import type { SelfImport } from '../scenario/self-import.js'
import type { ErrorInfo, ExitHooks, OutcomeStatus, PlainValue } from '../types.js'

/** What the parent tells a child before it loads the scenario. */
export interface ChildInit {
  type: 'init'
  file: string
  exportName: string
  root: string
  /** The `parent()` result as encodeInput wrote it, or undefined. */
  input: string | undefined
  worker: number
  workers: number
  /** Transpile cache folder when the scenario needs TypeScript, else undefined. */
  tsCacheDir: string | undefined
  /** Where `forkcheck` resolves from the scenario's folder (src/scenario/self-import.ts). */
  selfImport: SelfImport | undefined
  /** A module whose importScenarioFile(file) loads the scenario file (see src/scenario/load.ts). */
  loader: string | undefined
  /** What the read probes watch (the state the modes disagree on); undefined: no read probes. */
  watch: ProbeWatch | undefined
  /** The child is a cluster worker (fork-like, or a bisection trial with the role). */
  clusterWorker: boolean
  /** The run's timeout (ms): the harness may ask what keeps the child alive once it passes. */
  timeout: number
  /**
   * True: wait for `go` after loading (other workers, or the parent's parentWhileChildren(), start
   * alongside). False: a child alone goes into child() by itself. Every child waits for `release`.
   */
  barrier: boolean
}

/** What a child reports once `child()` settled. */
export interface ChildReport {
  type: 'outcome'
  status: Exclude<OutcomeStatus, 'exited' | 'timeout'>
  value?: PlainValue
  error?: ErrorInfo
  openHandles: string[]
  durationMs: number
  /** Facts for normalization: this child's pids, the ports the system gave its listens, its temp folder. */
  pid: number
  ppid: number
  ports: number[]
  tmpdir: string
  /** First touches of inheritable state, with where user code touched them. */
  reads: ProbeRead[]
  /** Global names present before user code ran (a preload may have added some). */
  initialGlobals: string[]
}

/**
 * What user code touched so far: sent from the child's `exit` listener when it ends before its
 * outcome, and after the outcome with each new touch (exit hooks, timers).
 */
export interface EarlyReads {
  type: 'reads'
  reads: ProbeRead[]
  initialGlobals: string[]
}

/** Sent from the child's own `exit` listener, synchronously. */
export interface ChildExitReport {
  type: 'exit-hooks'
  exitHooks: ExitHooks
}

/**
 * Sent by a released child that reported open handles, once none of what user code opened holds it
 * any more: it is ending by itself (see endReleased in children.ts).
 */
export interface UnheldReport {
  type: 'unheld'
}

/** Where a child is in its life, as it tells the harness when asked at a timeout. */
export type ChildPhase = 'loading' | 'barrier' | 'child' | 'reporting' | 'released'

/** The parent's question at a timeout: what keeps you alive? */
export interface AliveQuery {
  type: 'alive?'
}

/**
 * The child's answers: `alive` at once (its event loop runs), with resource types; then
 * `alive-detail` with what it could find out about each (slower, best effort).
 */
export interface AliveReport {
  type: 'alive' | 'alive-detail'
  phase: ChildPhase
  keptAlive: string[]
}

/** Sent synchronously by the child's `uncaughtExceptionMonitor`: the error that is ending it. */
export interface UncaughtReport {
  type: 'uncaught'
  origin: 'uncaughtException' | 'unhandledRejection'
  error: ErrorInfo
}
