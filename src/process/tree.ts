import { readdirSync, readFileSync } from 'node:fs'

/** Pids of every live descendant of `pid` (Linux /proc; elsewhere none are found). */
export function findDescendants(pid: number): number[] {
  const children = new Map<number, number[]>()
  let entries: string[]
  try {
    entries = readdirSync('/proc')
  } catch {
    return []
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
      // The command name may hold spaces and parentheses: the ppid follows the last ')'.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
      const list = children.get(ppid) ?? []
      list.push(Number(entry))
      children.set(ppid, list)
    } catch {
      // The process ended while we looked.
    }
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

/** Sends `signal` to `pid` and all its descendants, collected before any is signalled. */
export function killTree(pid: number, signal: NodeJS.Signals): void {
  for (const target of [pid, ...findDescendants(pid)]) {
    try {
      process.kill(target, signal)
    } catch {
      // Already gone.
    }
  }
}

/** Sends `signal` to a whole process group started with `detached: true`. */
export function killGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal)
  } catch {
    // The group is empty.
  }
}
