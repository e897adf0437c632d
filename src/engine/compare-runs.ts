import { tmpdir } from 'node:os'
import type { ComparableOutcome, VolatileHints } from '../outcome/contract.js'
import { normalizeRun } from '../outcome/normalize.js'
import type { ModeRun } from './modes.js'

/** Epoch-ms values this close to a run count as timestamps of that run. */
const TIME_SLACK_MS = 60 * 60 * 1000

/** What tells volatile values of one run apart from real ones. */
export function makeHints(run: ModeRun, root: string): VolatileHints {
  const pids = new Set<number>([process.pid, run.parentPid])
  const tmpDirs = new Set<string>([tmpdir()])
  const ports = new Set<number>()
  for (const result of run.results) {
    pids.add(result.pid)
    pids.add(result.ppid)
    for (const port of result.ports) ports.add(port)
    if (result.tmpdir) tmpDirs.add(result.tmpdir)
  }
  return {
    pids: [...pids].filter((pid) => pid > 0),
    ports: [...ports],
    root,
    tmpDirs: [...tmpDirs],
    timeWindow: [run.startedAt - TIME_SLACK_MS, run.endedAt + TIME_SLACK_MS],
  }
}

/** One run's outcomes, normalized and in canonical order. */
export function normalizeModeRun(run: ModeRun, root: string): ComparableOutcome[] {
  return normalizeRun(
    run.results.map((result) => result.outcome),
    makeHints(run, root),
  )
}
