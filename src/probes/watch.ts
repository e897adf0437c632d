import type { DeltaItem } from '../attribution/delta.js'

/**
 * What a child's read probes watch. Only inherited state that differs between the two modes can
 * be a cause, so nothing else is probed: both children of a run get the same watch, so the probes
 * stay identical (and as invisible) in both modes. IPC and the cluster role always differ.
 */
export interface ProbeWatch {
  /** Environment variables the modes disagree on; reads of these, and enumeration, are recorded. */
  env: string[]
  /** The fork-like child starts in another working directory: record cwd reads and relative paths. */
  cwd: boolean
  /** The parent ran with flags: record reads of process.execArgv. */
  execArgv: boolean
  /** Globals only the fork-like child had in an earlier run (a preload's). */
  globals: string[]
}

/** The watch for a scenario whose fork-like child inherits `delta`. */
export function makeProbeWatch(delta: DeltaItem[], globals: string[]): ProbeWatch {
  const env: string[] = []
  for (const item of delta) if (item.kind === 'env' && item.name !== undefined) env.push(item.name)
  return {
    env,
    cwd: delta.some((item) => item.kind === 'cwd'),
    execArgv: delta.some((item) => item.kind === 'execArgv'),
    globals,
  }
}
