import type { ScenarioOptions } from '../scenario/validate.js'
import type { Place } from '../stack/call-sites.js'
import type { ErrorInfo } from '../types.js'

/** One export of a collected file: its validated options, or why it is not a valid scenario. */
export type CollectedExport =
  | { exportName: string; options: ScenarioOptions; line?: number }
  | { exportName: string; error: string }

/** What the collector found in one file. */
export interface CollectedFile {
  file: string
  exports: CollectedExport[]
  /** The file could not be imported, or has no scenario export. */
  error?: string
}

/** The parent's state after `parent()` ran: what fork-like children will inherit. */
export interface SetupResult {
  type: 'setup-done'
  /** parent()'s result as encodeInput wrote it (src/bootstrap/input.ts): frames are plain JSON. */
  input: string | undefined
  /** The parent's environment at fork time (values stay inside forkcheck, never printed). */
  env: Record<string, string>
  cwd: string
  execArgv: string[]
  /** Where parent() set each env var (`env:NAME`) and changed cwd (`cwd`). */
  setAt: Record<string, Place>
}

export interface SetupFailed {
  type: 'setup-failed'
  error: ErrorInfo
  /** `result`: parent() returned, but its result cannot reach the children. */
  phase: 'load' | 'options' | 'parent' | 'result'
}
