import type { SelfImport } from '../scenario/self-import.js'
import type { ScenarioOptions } from '../scenario/validate.js'

/** One scenario to run, as collected: its options, or why it cannot run. */
export interface PlannedScenarioRun {
  id: string
  /** Relative to the root, `/`-separated. */
  file: string
  absoluteFile: string
  exportName: string
  name: string
  options?: ScenarioOptions
  /** A module that imports the file instead of a plain import (see RunOptions.loader). */
  loader?: string
  /** Where `forkcheck` resolves from the file's folder, when it is this harness's own entry. */
  selfImport?: SelfImport
  error?: { message: string; phase: 'load' | 'options' }
}
