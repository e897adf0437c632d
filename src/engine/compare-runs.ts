import { realpathSync } from 'node:fs'
import { tmpdir } from 'node:os'
import type { ComparableOutcome, VolatileHints } from '../outcome/contract.js'
import { normalizeRun } from '../outcome/normalize.js'
import { type ModeRun, outcomesOf } from './modes.js'

/** Epoch-ms values this close to a run count as timestamps of that run. */
const TIME_SLACK_MS = 60 * 60 * 1000
/** Monotonic readings are exact across processes: a little slack covers rounding to ms. */
const HRTIME_SLACK_MS = 10_000

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
  // fs.realpath of a temp path names the real folder (/private/var/… on macOS).
  for (const dir of [...tmpDirs]) tmpDirs.add(toRealPath(dir))
  return {
    pids: [...pids].filter((pid) => pid > 0),
    ports: [...ports],
    root,
    tmpDirs: [...tmpDirs],
    timeWindow: [run.startedAt - TIME_SLACK_MS, run.endedAt + TIME_SLACK_MS],
    runWindow: [run.startedAt, run.endedAt],
    zoneOffset: -new Date(run.startedAt).getTimezoneOffset() * 60_000,
    hrtimeWindow: toHrtimeWindow(run.startedAt - HRTIME_SLACK_MS, run.endedAt + HRTIME_SLACK_MS),
  }
}

/** One run's outcomes, normalized and in canonical order. */
export function normalizeModeRun(run: ModeRun, root: string): ComparableOutcome[] {
  return normalizeRun(outcomesOf(run), makeHints(run, root))
}

/** Epoch ms to `process.hrtime.bigint()` readings, through the offset between the two clocks now. */
function toHrtimeWindow(from: number, to: number): [bigint, bigint] {
  const offset = process.hrtime.bigint() - BigInt(Date.now()) * 1_000_000n
  return [BigInt(from) * 1_000_000n + offset, BigInt(to) * 1_000_000n + offset]
}

function toRealPath(dir: string): string {
  try {
    return realpathSync.native(dir)
  } catch {
    return dir
  }
}
