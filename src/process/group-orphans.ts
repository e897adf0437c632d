import { type ProcessStat, type ProcessTable, procTable } from './stat.js'
import { findGroupOrphansIn, listProcesses } from './tree.js'

/** More new pids than this since the last scan: read the whole table instead of each pid. */
const MAX_NEW_PIDS = 4_096

/**
 * findGroupOrphans for a caller that asks after every run, at a fraction of the cost: instead of
 * the whole table it reads only the processes that can be in the group now. A process is in the
 * group's session only if it was there at the last scan or was started since (setpgid works only
 * within one session, setsid makes a new one), and every process started since has a pid above
 * the last one handed out before that scan, until pids wrap: then, and on a first call that
 * knows nothing of the session (`session`), the whole table is read. (Only a whole turn of the pid
 * space between two scans, tens of thousands of processes started in one run, would go unseen.)
 *
 * @example
 * const findOrphans = watchGroupOrphans(process.pid, { session: sessionOfLeader(readStat(process.pid)) })
 * await stopProcesses(findOrphans(), KILL_GRACE_MS) // after each run
 */
export function watchGroupOrphans(
  pgid: number,
  { session, table = procTable }: { session?: KnownSession; table?: ProcessTable } = {},
): () => number[] {
  let lastPid = session?.lastPid
  /** Pids seen in the group's session at the last scan. */
  let inSession = session?.inSession ?? []
  return () => {
    // Read before the table: a process started while it is read is read again next time.
    const previous = lastPid
    lastPid = table.readLastPid()
    const started = pidsStartedSince(previous, lastPid)
    const fresh = started === undefined ? listProcesses(table) : readPids(table, [...inSession, ...started])
    const sid = fresh.find((stat) => stat.pgid === pgid)?.sid
    inSession = sid === undefined ? [] : fresh.filter((stat) => stat.sid === sid).map((stat) => stat.pid)
    // Every member of the group was read, so no candidate here means none at all. A candidate is
    // confirmed on the whole table: the way to the leader, or its descendants, may leave the session.
    if (findGroupOrphansIn(fresh, pgid).length === 0) return []
    return findGroupOrphansIn(listProcesses(table), pgid)
  }
}

/** What is known of the group's session before the first scan, as if a scan had seen it. */
export interface KnownSession {
  /** No process of the session has a pid at most this, other than `inSession`'s. */
  lastPid: number
  inSession: number[]
}

/**
 * What a session leader knows of its session at its start: only itself was in it, and every
 * process to join since has a pid handed out after its own. Undefined for any other process.
 */
export function sessionOfLeader(stat: ProcessStat | undefined): KnownSession | undefined {
  if (stat === undefined || stat.sid !== stat.pid) return undefined
  return { lastPid: stat.pid, inSession: [stat.pid] }
}

/** The pids handed out after `previous` up to `last`; undefined when they cannot be told (or are many). */
function pidsStartedSince(previous: number | undefined, last: number | undefined): number[] | undefined {
  if (previous === undefined || last === undefined) return undefined
  // Fewer than before: the counter wrapped, and a pid seen before may be a new process now.
  if (last < previous || last - previous > MAX_NEW_PIDS) return undefined
  return Array.from({ length: last - previous }, (_, index) => previous + 1 + index)
}

function readPids(table: ProcessTable, pids: number[]): ProcessStat[] {
  return [...new Set(pids)].flatMap((pid) => table.readStat(pid) ?? [])
}
