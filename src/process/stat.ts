import { closeSync, fstatSync, openSync, readdirSync, readSync, statSync } from 'node:fs'

/** One line of /proc/<pid>/stat: the fields forkcheck needs. */
export interface ProcessStat {
  pid: number
  ppid: number
  pgid: number
  /** The session: a process can never join a process group of another session. */
  sid: number
  /** `Z` for a zombie: dead, waiting to be reaped. */
  state: string
}

/** The fields needed sit well inside the first line's first bytes (the command name is at most 64). */
const STAT_BYTES = 1024
// One buffer for every read: a parent reads these files after every run.
const buffer = Buffer.allocUnsafe(STAT_BYTES)

/** Parses /proc/<pid>/stat; undefined when the process is gone (or there is no /proc). */
export function readStat(pid: number): ProcessStat | undefined {
  return readStatFile(pid, false)?.stat
}

/**
 * readStat, plus the inode number of the stat file, taken from the very file read. A new process
 * behind a reused pid gets new /proc inodes, so a new number; the same process keeps its number
 * while the kernel caches the entry (after that it changes too, and the file is just read again).
 */
export function readStatAndInode(pid: number): { stat: ProcessStat; inode: number } | undefined {
  return readStatFile(pid, true)
}

/** The inode number of /proc/<pid>/stat now, without reading it; undefined once the pid is gone. */
export function statInode(pid: number): number | undefined {
  try {
    return statSync(`/proc/${pid}/stat`, { throwIfNoEntry: false })?.ino
  } catch {
    return undefined
  }
}

function readStatFile(pid: number, withInode: boolean): { stat: ProcessStat; inode: number } | undefined {
  let fd: number
  try {
    fd = openSync(`/proc/${pid}/stat`, 'r')
  } catch {
    return undefined
  }
  try {
    const inode = withInode ? fstatSync(fd).ino : 0
    const stat = parseStat(pid, buffer.toString('latin1', 0, readSync(fd, buffer, 0, STAT_BYTES, 0)))
    return stat && { stat, inode }
  } catch {
    return undefined
  } finally {
    closeSync(fd)
  }
}

function parseStat(pid: number, text: string): ProcessStat | undefined {
  // The command name may hold spaces and parentheses: the fields follow the last ')'.
  const close = text.lastIndexOf(')')
  if (close < 0) return undefined
  const [state = '', ppid, pgid, sid] = text.slice(close + 2).split(' ', 4)
  return { pid, ppid: Number(ppid), pgid: Number(pgid), sid: Number(sid), state }
}

/** The pid of every process visible in /proc (none where there is no /proc). */
export function listPids(): number[] {
  let entries: string[]
  try {
    entries = readdirSync('/proc')
  } catch {
    return []
  }
  const pids: number[] = []
  for (const entry of entries) if (/^\d+$/.test(entry)) pids.push(Number(entry))
  return pids
}

/** Read access to the process table, as watchGroupOrphans needs it (tests pass a fake one). */
export interface ProcessTable {
  listPids(): number[]
  readStatAndInode(pid: number): { stat: ProcessStat; inode: number } | undefined
  statInode(pid: number): number | undefined
}

/** This machine's /proc. */
export const procTable: ProcessTable = { listPids, readStatAndInode, statInode }
