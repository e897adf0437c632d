import { describe, expect, it } from 'vitest'
import { sessionOfLeader, watchGroupOrphans } from '../../src/process/group-orphans.js'
import type { ProcessStat, ProcessTable } from '../../src/process/stat.js'

// A fake process table that counts every stat read; `lastPid` is the pid handed out last.
function makeTable(processes: ProcessStat[]) {
  const reads: number[] = []
  const state = { lastPid: Math.max(...processes.map(({ pid }) => pid)), listed: 0 }
  const table: ProcessTable = {
    listPids: () => {
      state.listed++
      return processes.map(({ pid }) => pid)
    },
    readStat(pid) {
      reads.push(pid)
      return processes.find((entry) => entry.pid === pid)
    },
    readLastPid: () => state.lastPid,
  }
  /** Starts a process: it takes the next pid, or `pid` (a wrapped counter hands out low ones). */
  const start = (stat: ProcessStat) => {
    processes.push(stat)
    state.lastPid = stat.pid
    return stat
  }
  return { table, reads, state, start }
}

const LEADER = 100

function proc(pid: number, ppid: number, pgid: number, sid: number, state = 'S'): ProcessStat {
  return { pid, ppid, pgid, sid, state }
}

/** The machine: init, a daemon in another session, and the parent leading its group and session. */
function machine(): ProcessStat[] {
  return [proc(1, 0, 1, 1), proc(50, 1, 50, 50), proc(LEADER, 1, LEADER, LEADER)]
}

function remove(processes: ProcessStat[], pid: number): void {
  processes.splice(
    processes.findIndex((entry) => entry.pid === pid),
    1,
  )
}

describe('watchGroupOrphans', () => {
  it('finds what children left in the group, with descendants that left the session', () => {
    const processes = machine()
    const { table, start } = makeTable(processes)
    const findOrphans = watchGroupOrphans(LEADER, { table })
    expect(findOrphans()).toEqual([])
    start(proc(150, LEADER, LEADER, LEADER))
    const child = start(proc(200, 150, LEADER, LEADER))
    start(proc(201, 200, 201, 201))
    expect(findOrphans()).toEqual([])
    // Its parent ended: the process was reparented to init, and 201 (in a session of its own) with it.
    remove(processes, 150)
    child.ppid = 1
    expect(findOrphans()).toEqual([200, 201])
  })

  it('does not count the leader’s descendants, even by way of a process in another session', () => {
    const processes = [...machine(), proc(300, LEADER, 300, 300)]
    const { table, start } = makeTable(processes)
    const findOrphans = watchGroupOrphans(LEADER, { table })
    expect(findOrphans()).toEqual([])
    start(proc(301, 300, LEADER, LEADER))
    expect(findOrphans()).toEqual([])
  })

  it('reads only the session’s processes and those started since the last scan', () => {
    const processes = machine()
    const { table, reads, state, start } = makeTable(processes)
    const findOrphans = watchGroupOrphans(LEADER, { table })
    expect(findOrphans()).toEqual([])
    expect(state.listed).toBe(1)
    reads.length = 0
    expect(findOrphans()).toEqual([])
    expect(reads).toEqual([LEADER])
    // Two children came and went; a third left a process behind.
    state.lastPid = 102
    start(proc(103, 1, LEADER, LEADER))
    reads.length = 0
    expect(findOrphans()).toEqual([103])
    expect(reads.slice(0, 4)).toEqual([LEADER, 101, 102, 103])
  })

  it('reads the whole table once pids wrap, and finds the orphan behind a reused pid', () => {
    const processes = machine()
    const { table, state, start } = makeTable(processes)
    const findOrphans = watchGroupOrphans(LEADER, { table })
    expect(findOrphans()).toEqual([])
    // The daemon ended and, with the counter wrapped, a child of the leader left a process under its pid.
    remove(processes, 50)
    start(proc(50, 1, LEADER, LEADER))
    expect(findOrphans()).toEqual([50])
    expect(state.listed).toBeGreaterThan(1)
  })

  it('reads the whole table when more processes started than it would read one by one', () => {
    const processes = machine()
    const { table, state, start } = makeTable(processes)
    const findOrphans = watchGroupOrphans(LEADER, { table })
    expect(findOrphans()).toEqual([])
    state.lastPid = 100_000
    start(proc(100_001, 1, LEADER, LEADER))
    expect(findOrphans()).toEqual([100_001])
    expect(state.listed).toBeGreaterThanOrEqual(2)
  })

  it('ignores zombies and finds nothing in a group without members', () => {
    const processes = [...machine(), proc(400, 1, LEADER, LEADER, 'Z')]
    expect(watchGroupOrphans(LEADER, { table: makeTable(processes).table })()).toEqual([])
    expect(watchGroupOrphans(999, { table: makeTable(processes).table })()).toEqual([])
  })
})

describe('sessionOfLeader', () => {
  it('knows a session leader’s session at its start: itself, and pids handed out after its own', () => {
    expect(sessionOfLeader(proc(LEADER, 1, LEADER, LEADER))).toEqual({ lastPid: LEADER, inSession: [LEADER] })
    expect(sessionOfLeader(proc(LEADER, 1, LEADER, 50))).toBeUndefined()
    expect(sessionOfLeader(undefined)).toBeUndefined()
  })

  it('lets the first scan read only what started after the leader', () => {
    const processes = machine()
    const { table, reads, state, start } = makeTable(processes)
    const findOrphans = watchGroupOrphans(LEADER, { table, session: sessionOfLeader(processes[2]) })
    state.lastPid = 102
    expect(findOrphans()).toEqual([])
    expect(reads).toEqual([LEADER, 101, 102])
    expect(state.listed).toBe(0)
    // An orphan is found among the new pids, then confirmed on the whole table.
    start(proc(103, 1, LEADER, LEADER))
    expect(findOrphans()).toEqual([103])
    expect(state.listed).toBe(1)
  })
})
