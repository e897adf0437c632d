import type { Reporter } from '../types.js'
import type { ParentPool } from './parent-pool.js'

/** Everything a scenario run needs from the run as a whole; built once, read-only. */
export interface EngineContext {
  root: string
  /** The environment parent processes start with. */
  parentEnv: Record<string, string>
  /** The harness's environment, for the spawn allow-list. */
  harnessEnv: Record<string, string | undefined>
  /** Names or globs a clean spawn also gets from the harness's environment (config `allowEnv`). */
  allowEnv: string[]
  /** Names or globs left out of the comparison (config `ignoreEnv`, e.g. CI): see makeSpawnEnv. */
  ignoreEnv: string[]
  tsCacheDir: string | undefined
  outputCap: number
  /** Overrides every scenario's `timeout` when set (CLI `--timeout`). */
  timeout: number | undefined
  /** Overrides every scenario's `repeat` when set (CLI `--repeat`). */
  repeat: number | undefined
  flaky: 'fail' | 'warn'
  /** Run only one side (CLI `--mode`), for debugging a scenario. */
  mode: 'fork' | 'spawn' | undefined
  /** Print env values in reproducer commands (default: redacted). */
  showEnvValues?: boolean
  /** Upper bound of extra child runs bisection may spend per scenario. */
  maxBisectRuns: number
  /** Let hookless scenarios share pristine parents (default); false gives each its own. */
  shareParents?: boolean
  /** Install the child's read probes; off only to measure their cost (bench). */
  probes?: boolean
  pool: ParentPool
  reporter: Reporter
  /** Set when an interrupt asked the run to stop starting new work. */
  signal: AbortSignal
}
