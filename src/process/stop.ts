import { now, setTimeout } from './own-timers.js'
import { isRunning, signalAll } from './tree.js'

const POLL_MS = 25

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

/** Resolves true once none of `pids` runs, false if some still run after `ms`. */
export async function waitUntilEnded(pids: number[], ms: number): Promise<boolean> {
  const until = now() + ms
  for (;;) {
    if (!pids.some(isRunning)) return true
    if (now() >= until) return false
    await sleep(POLL_MS)
  }
}

/**
 * Stops processes that are not our own children (so no exit event will come): SIGTERM, a grace
 * period, SIGKILL for what is left, then waits until they are gone.
 */
export async function stopProcesses(pids: number[], graceMs: number): Promise<void> {
  if (pids.length === 0) return
  signalAll(pids, 'SIGTERM')
  if (await waitUntilEnded(pids, graceMs)) return
  signalAll(pids.filter(isRunning), 'SIGKILL')
  await waitUntilEnded(pids, graceMs)
}
