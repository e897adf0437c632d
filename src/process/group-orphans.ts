import { type ProcessStat, type ProcessTable, procTable } from './stat.js'
import { findGroupOrphansIn } from './tree.js'

/**
 * findGroupOrphans for a caller that asks after every run, at a fraction of the cost: it reads
 * /proc/<pid>/stat only of processes not already seen outside the group's session. Such a
 * process can never join the group (setpgid works only within one session, setsid makes a new
 * one), so it is skipped for as long as its stat file keeps the inode it had when it was read:
 * a pid reused by a new process, even between two scans, shows a new inode and is read again.
 *
 * @example
 * const findOrphans = watchGroupOrphans(process.pid)
 * await stopProcesses(findOrphans(), KILL_GRACE_MS) // after each run
 */
export function watchGroupOrphans(pgid: number, table: ProcessTable = procTable): () => number[] {
  /** Pid → the inode of its stat file when it was seen in another session. */
  let outside = new Map<number, number>()
  return () => {
    const kept = new Map<number, number>()
    const read: Array<{ stat: ProcessStat; inode: number }> = []
    for (const pid of table.listPids()) {
      const inode = outside.get(pid)
      if (inode !== undefined && table.statInode(pid) === inode) kept.set(pid, inode)
      else {
        const found = table.readStatAndInode(pid)
        if (found) read.push(found)
      }
    }
    const sid = read.find(({ stat }) => stat.pgid === pgid)?.stat.sid
    if (sid === undefined) return []
    for (const { stat, inode } of read) if (stat.sid !== sid) kept.set(stat.pid, inode)
    outside = kept
    // Every member of the group was read, so no candidate here means none at all. A candidate is
    // confirmed on the whole table: the way to the leader, or its descendants, may leave the session.
    const fresh = read.map(({ stat }) => stat)
    if (findGroupOrphansIn(fresh, pgid).length === 0) return []
    return findGroupOrphansIn(readAll(table), pgid)
  }
}

function readAll(table: ProcessTable): ProcessStat[] {
  return table.listPids().flatMap((pid) => table.readStatAndInode(pid)?.stat ?? [])
}
