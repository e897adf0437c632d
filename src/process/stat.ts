import { closeSync, openSync, readdirSync, readSync, statSync } from 'node:fs'

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

/** Parses /proc/<pid>/stat; undefined when the process is gone, `pid` is a thread, or there is no /proc. */
export function readStat(pid: number): ProcessStat | undefined {
  const text = readSmallFile(`/proc/${pid}/stat`)
  return text === undefined ? undefined : parseStat(pid, text)
}

/**
 * The pid the kernel handed out last (the fifth field of /proc/loadavg, for this pid namespace);
 * undefined where there is no /proc. Pids are handed out in increasing order until they wrap.
 */
export function readLastPid(): number | undefined {
  const last = Number(readSmallFile('/proc/loadavg')?.trim().split(' ')[4])
  return Number.isInteger(last) ? last : undefined
}

/** The first bytes of a /proc file, or undefined when it cannot be read. */
function readSmallFile(path: string): string | undefined {
  let fd: number
  try {
    // Most pids a scan reads are gone (threads, short-lived children): a failed open costs an
    // exception, ~25 µs; a stat that finds nothing, none.
    if (statSync(path, { throwIfNoEntry: false }) === undefined) return undefined
    fd = openSync(path, 'r')
  } catch {
    return undefined
  }
  try {
    return buffer.toString('latin1', 0, readSync(fd, buffer, 0, STAT_BYTES, 0))
  } catch {
    return undefined
  } finally {
    closeSync(fd)
  }
}

/** Where `exit_signal` (field 38) sits among the fields after the command name (field 3 on). */
const EXIT_SIGNAL = 35

function parseStat(pid: number, text: string): ProcessStat | undefined {
  // The command name may hold spaces and parentheses: the fields follow the last ')'.
  const close = text.lastIndexOf(')')
  if (close < 0) return undefined
  const fields = text.slice(close + 2).split(' ', EXIT_SIGNAL + 1)
  // Every thread has a stat file under its own id (though /proc lists only processes), with its
  // process's ppid and group: a thread of a group's leader looks like an orphan of that group.
  // Only threads have no exit signal.
  if (fields[EXIT_SIGNAL] === '-1') return undefined
  const [state = '', ppid, pgid, sid] = fields
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
  readStat(pid: number): ProcessStat | undefined
  readLastPid(): number | undefined
}

/** This machine's /proc. */
export const procTable: ProcessTable = { listPids, readStat, readLastPid }
