import { sessionOfLeader, watchGroupOrphans } from '../process/group-orphans.js'
import { clearTimeout, setTimeout } from '../process/own-timers.js'
import { readStat } from '../process/stat.js'
import { stopProcesses } from '../process/stop.js'
import type { ChildReport } from './child-protocol.js'
import { type ChildResult, toResult } from './child-result.js'
import {
  askKeptAlive,
  KILL_GRACE_MS,
  type RunningChild,
  sendTo,
  startChild,
  stopChild,
  waitFor,
} from './running-child.js'
import type { RunRequest } from './start-spec.js'

export type { ChildResult } from './child-result.js'

/** How long a released child may take to end by itself before it is terminated. */
const RELEASE_GRACE_MS = 2_000
/** The same, when the child reported handles that will keep it alive anyway. */
const RELEASE_GRACE_BUSY_MS = 200

function delay(ms: number): Promise<'late'> {
  return new Promise((resolve) => setTimeout(resolve, ms, 'late').unref())
}

/**
 * Runs one mode: starts the workers, releases them into child() together once all are loaded
 * (the start barrier), collects their reports, then releases them and waits for them to end.
 * A child alone (one worker, no parentWhileChildren()) has no one to wait for: it goes into
 * child() by itself, which spares it a read of the channel. A child still without an outcome at
 * the timeout is asked what keeps it alive, then stopped.
 */
export async function runChildren(
  request: RunRequest,
  duringChildren?: () => Promise<unknown>,
): Promise<ChildResult[]> {
  const barrier = request.workers > 1 || duringChildren !== undefined
  const all = Array.from({ length: request.workers }, (_, worker) => startChild(request, worker, barrier))
  const keptAlive = new Map<RunningChild, string[]>()
  let timingOut: Promise<unknown> | undefined
  const deadline = setTimeout(() => {
    const late = all.filter((running) => !running.frames.has('outcome') && !running.exited)
    timingOut = Promise.all(late.map((running) => endTimedOut(running, keptAlive)))
  }, request.timeout)
  if (barrier) {
    await Promise.all(all.map((running) => waitFor(running, 'ready')))
    for (const running of all) sendTo(running, 'go')
  }
  const parentSide = duringChildren?.()
  await Promise.all(all.map((running) => waitFor(running, 'outcome')))
  clearTimeout(deadline)
  await parentSide
  for (const running of all) sendTo(running, 'release')
  await Promise.all(all.map((running) => endReleased(running)))
  await timingOut
  await stopOrphans()
  return all.map((running) => toResult(running, keptAlive.get(running)))
}

async function endTimedOut(running: RunningChild, keptAlive: Map<RunningChild, string[]>): Promise<void> {
  running.timedOut = true
  keptAlive.set(running, await askKeptAlive(running))
  await stopChild(running)
}

/**
 * Waits for a released child to end by itself, then stops it. One that reported open handles is
 * held by them and will not end: it gets a short grace. If it let go of all of them since (its
 * `unheld` frame), it is finishing work Node does not list, and gets the full grace like any other.
 */
async function endReleased(running: RunningChild): Promise<void> {
  const report = running.frames.get('outcome') as unknown as ChildReport | undefined
  const held = report !== undefined && report.openHandles.length > 0
  let ended = await endsWithin(running, held ? RELEASE_GRACE_BUSY_MS : RELEASE_GRACE_MS)
  if (!ended && held && running.frames.has('unheld')) {
    ended = await endsWithin(running, RELEASE_GRACE_MS - RELEASE_GRACE_BUSY_MS)
  }
  if (!ended) await stopChild(running)
  await running.exit
}

async function endsWithin(running: RunningChild, ms: number): Promise<boolean> {
  return (await Promise.race([running.exit, delay(ms)])) !== 'late'
}

/** Set on first use: this parent's own process group never changes (Node cannot change it). */
let findOrphans: (() => number[]) | undefined

/**
 * Processes the children started and left behind when they ended (reparented, so no tree walk
 * finds them) are still in this parent's process group: stop them before the next run, where
 * they could hold a port or a file the next children need.
 */
async function stopOrphans(): Promise<void> {
  // Only a parent that leads its own process group (the harness starts it detached) can tell.
  if (findOrphans === undefined) {
    const own = readStat(process.pid)
    findOrphans =
      own?.pgid === process.pid ? watchGroupOrphans(process.pid, { session: sessionOfLeader(own) }) : () => []
  }
  await stopProcesses(findOrphans(), KILL_GRACE_MS)
}
