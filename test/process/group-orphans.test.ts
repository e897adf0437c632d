import { describe, expect, it } from 'vitest'
import { watchGroupOrphans } from '../../src/process/group-orphans.js'
import type { ProcessStat, ProcessTable } from '../../src/process/stat.js'

// A fake process table: no processes, and every stat read is counted.
interface FakeProcess extends ProcessStat {
  inode: number
}

const LEADER = 100

function makeTable(processes: FakeProcess[]) {
  const reads: number[] = []
  const find = (pid: number) => processes.find((entry) => entry.pid === pid)
  const table: ProcessTable = {
    listPids: () => processes.map(({ pid }) => pid),
    readStatAndInode(pid) {
      reads.push(pid)
      const found = find(pid)
      if (found === undefined) return undefined
      const { inode, ...stat } = found
      return { stat, inode }
    },
    statInode: (pid) => find(pid)?.inode,
  }
  return { table, reads }
}

let nextInode = 1
function proc(pid: number, ppid: number, pgid: number, sid: number, state = 'S'): FakeProcess {
  return { pid, ppid, pgid, sid, state, inode: nextInode++ }
}

/** The machine: init, a daemon in another session, and the parent leading its group and session. */
function machine(): FakeProcess[] {
  return [proc(1, 0, 1, 1), proc(50, 1, 50, 50), proc(LEADER, 1, LEADER, LEADER)]
}

describe('watchGroupOrphans', () => {
  it('finds what children left in the group, with descendants that left the session', () => {
    const child = proc(200, 150, LEADER, LEADER)
    const processes = [...machine(), proc(150, LEADER, LEADER, LEADER), child, proc(201, 200, 201, 201)]
    const findOrphans = watchGroupOrphans(LEADER, makeTable(processes).table)
    expect(findOrphans()).toEqual([])
    // Its parent ended: the process was reparented to init, and 201 (skipped now) with it.
    processes.splice(processes.indexOf(processes.find(({ pid }) => pid === 150)!), 1)
    child.ppid = 1
    expect(findOrphans()).toEqual([200, 201])
  })

  it('does not count the leader’s descendants, even by way of a process in another session', () => {
    const processes = [...machine(), proc(300, LEADER, 300, 300)]
    const findOrphans = watchGroupOrphans(LEADER, makeTable(processes).table)
    expect(findOrphans()).toEqual([])
    processes.push(proc(301, 300, LEADER, LEADER))
    expect(findOrphans()).toEqual([])
  })

  it('reads the stat of a process seen in another session only once', () => {
    const { table, reads } = makeTable(machine())
    const findOrphans = watchGroupOrphans(LEADER, table)
    expect(findOrphans()).toEqual([])
    reads.length = 0
    expect(findOrphans()).toEqual([])
    expect(reads).toEqual([LEADER])
  })

  it('reads a reused pid again, and finds the orphan behind it', () => {
    const processes = machine()
    const { table } = makeTable(processes)
    const findOrphans = watchGroupOrphans(LEADER, table)
    expect(findOrphans()).toEqual([])
    // The daemon ended and a child of the leader left a process under its pid.
    processes[1] = proc(50, 1, LEADER, LEADER)
    expect(findOrphans()).toEqual([50])
  })

  it('ignores zombies and finds nothing in a group without members', () => {
    const processes = [...machine(), proc(400, 1, LEADER, LEADER, 'Z')]
    expect(watchGroupOrphans(LEADER, makeTable(processes).table)()).toEqual([])
    expect(watchGroupOrphans(999, makeTable(processes).table)()).toEqual([])
  })
})
