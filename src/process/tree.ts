import { readdirSync } from 'node:fs'
import { type ProcessStat, type ProcessTable, procTable, readStat } from './stat.js'

/** Every process visible in /proc (none where there is no /proc); tests pass a fake table. */
export function listProcesses(table: ProcessTable = procTable): ProcessStat[] {
  return table.listPids().flatMap((pid) => table.readStat(pid) ?? [])
}

/** Pids of every descendant of `pid` among `processes`. */
function descendantsIn(processes: ProcessStat[], pid: number): number[] {
  const children = new Map<number, number[]>()
  for (const { pid: child, ppid } of processes) {
    const list = children.get(ppid) ?? []
    list.push(child)
    children.set(ppid, list)
  }
  const found: number[] = []
  const queue = [pid]
  while (queue.length > 0) {
    for (const child of children.get(queue.pop()!) ?? []) {
      found.push(child)
      queue.push(child)
    }
  }
  return found
}

/** Pids of every live descendant of `pid` (Linux /proc; elsewhere none are found). */
export function findDescendants(pid: number): number[] {
  return descendantsIn(listProcesses(), pid)
}

/**
 * Processes left in the process group `pgid` that no longer descend from its leader: what children
 * started and abandoned when they ended (reparented to init or a subreaper), with their descendants.
 */
export function findGroupOrphans(pgid: number): number[] {
  return findGroupOrphansIn(listProcesses(), pgid)
}

/** findGroupOrphans among `listed` processes (zombies are left out). */
export function findGroupOrphansIn(listed: ProcessStat[], pgid: number): number[] {
  const processes = listed.filter((stat) => stat.state !== 'Z')
  const owned = new Set([pgid, ...descendantsIn(processes, pgid)])
  const orphans = processes.filter((stat) => stat.pgid === pgid && !owned.has(stat.pid))
  return [...new Set(orphans.flatMap((stat) => [stat.pid, ...descendantsIn(processes, stat.pid)]))]
}

/** True while `pid` runs; a zombie (dead, not yet reaped) counts as ended. */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0)
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
  const stat = readStat(pid)
  return stat === undefined ? !existsProc() : stat.state !== 'Z'
}

function existsProc(): boolean {
  try {
    readdirSync('/proc/self')
    return true
  } catch {
    return false
  }
}

/** Sends `signal` to each pid that still exists. */
export function signalAll(pids: number[], signal: NodeJS.Signals): void {
  for (const target of pids) {
    // 0 and negative pids address whole groups, ours included: never from here.
    if (!(target > 0)) continue
    try {
      process.kill(target, signal)
    } catch {
      // Already gone.
    }
  }
}

/** Sends `signal` to `pid` and all its descendants, collected before any is signalled. */
export function killTree(pid: number, signal: NodeJS.Signals): void {
  signalAll([pid, ...findDescendants(pid)], signal)
}

/** Sends `signal` to a whole process group started with `detached: true`. */
export function killGroup(pgid: number, signal: NodeJS.Signals): void {
  // -0 would be our own process group (a process that never started has pid 0).
  if (!(pgid > 1)) return
  try {
    process.kill(-pgid, signal)
  } catch {
    // The group is empty.
  }
}
