import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import { watchGroupOrphans } from '../../src/process/group-orphans.js'
import { readLastPid, readStat } from '../../src/process/stat.js'
import { stopProcesses } from '../../src/process/stop.js'
import {
  findDescendants,
  findGroupOrphans,
  isRunning,
  killGroup,
  killTree,
  signalAll,
} from '../../src/process/tree.js'
import { repoRoot } from '../helpers/cli.js'

// Real processes, Linux /proc: what forkcheck relies on to leave nothing behind.
const FOREVER = 'setInterval(() => {}, 1000)'
const started: number[] = []

afterEach(() => {
  signalAll(started.splice(0), 'SIGKILL')
})

/** Starts node with `code`; resolves once it printed its first line (e.g. a pid). */
async function startNode(
  code: string,
  options: { detached?: boolean } = {},
): Promise<[ChildProcess, string]> {
  const child = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'pipe', 'inherit'], ...options })
  started.push(child.pid!)
  const [line] = (await once(child.stdout!, 'data')) as [Buffer]
  return [child, line.toString().trim()]
}

describe('readStat', () => {
  it('reads the parent and the process group of a process', () => {
    expect(readStat(process.pid)).toMatchObject({
      pid: process.pid,
      ppid: process.ppid,
      state: expect.any(String),
    })
    expect(readStat(2 ** 22 + 1)).toBeUndefined()
  })

  it('tells the pid handed out last: a process started since has a pid above it', async () => {
    const before = readLastPid()
    expect(before).toEqual(expect.any(Number))
    const [child] = await startNode(`console.log('ready'); ${FOREVER}`)
    const after = readLastPid()!
    expect(after).toBeGreaterThanOrEqual(child.pid!)
    // Unless the counter wrapped while the child started.
    if (after >= before!) expect(child.pid).toBeGreaterThan(before!)
  })

  it("takes a thread for no process: its stat file repeats its process's parent and group", () => {
    const threads = readdirSync('/proc/self/task')
      .map(Number)
      .filter((tid) => tid !== process.pid)
    expect(threads.length).toBeGreaterThan(0)
    for (const tid of threads) expect(readStat(tid)).toBeUndefined()
    expect(readStat(process.pid)).toBeDefined()
  })

  it("scans a session leader's group without reading the whole table when nothing was left", async () => {
    // The leader's own threads (Node has several) were once taken for orphans of its group.
    const orphans = pathToFileURL(join(repoRoot, 'dist', 'process', 'group-orphans.js')).href
    const stat = pathToFileURL(join(repoRoot, 'dist', 'process', 'stat.js')).href
    const code = `(async () => {
      const { watchGroupOrphans, sessionOfLeader } = await import(${JSON.stringify(orphans)})
      const { procTable, readStat } = await import(${JSON.stringify(stat)})
      let listed = 0
      const table = { ...procTable, listPids: () => (listed++, procTable.listPids()) }
      const find = watchGroupOrphans(process.pid, { table, session: sessionOfLeader(readStat(process.pid)) })
      const found = [find(), find()]
      console.log(JSON.stringify({ found, listed }))
    })()`
    const [, line] = await startNode(code, { detached: true })
    expect(JSON.parse(line)).toEqual({ found: [[], []], listed: 0 })
  })

  it('reads the session: a detached child leads a session and a group of its own', async () => {
    const [child] = await startNode(`console.log('ready'); ${FOREVER}`, { detached: true })
    expect(readStat(child.pid!)).toMatchObject({ ppid: process.pid, pgid: child.pid, sid: child.pid })
    expect(readStat(process.pid)?.sid).not.toBe(child.pid)
  })
})

describe('findDescendants and killTree', () => {
  it('finds grandchildren and ends the whole tree', async () => {
    const spawnGrandchild = `const g = require('child_process').spawn(process.execPath, ['-e', '${FOREVER}'], { stdio: 'ignore' }); console.log(g.pid); ${FOREVER}`
    const [child, line] = await startNode(spawnGrandchild)
    const grandchild = Number(line)
    started.push(grandchild)
    expect(findDescendants(child.pid!)).toEqual([grandchild])
    killTree(child.pid!, 'SIGKILL')
    await once(child, 'exit')
    expect(await waitGone(grandchild)).toBe(true)
  })
})

describe('findGroupOrphans', () => {
  it('finds what a process left in its group when it ended, and stopProcesses ends it', async () => {
    // A group leader of its own (like a parent process), whose grandchild outlives its child.
    const leaveOrphan = `const g = require('child_process').spawn(process.execPath, ['-e', '${FOREVER}'], { stdio: 'ignore' }); g.unref(); console.log(g.pid)`
    const [leader, line] = await startNode(leaveOrphan, { detached: true })
    const orphan = Number(line)
    started.push(orphan)
    await once(leader, 'exit')
    expect(readStat(orphan)?.pgid).toBe(leader.pid)
    expect(findGroupOrphans(leader.pid!)).toEqual([orphan])
    // As a parent asks after each run: the second scan skips what the first saw in other sessions.
    const findOrphans = watchGroupOrphans(leader.pid!)
    expect(findOrphans()).toEqual([orphan])
    expect(findOrphans()).toEqual([orphan])
    await stopProcesses([orphan], 1_000)
    expect(isRunning(orphan)).toBe(false)
    expect(findOrphans()).toEqual([])
  })

  it('does not count the leader’s own live descendants', async () => {
    const [leader, line] = await startNode(
      `const g = require('child_process').spawn(process.execPath, ['-e', '${FOREVER}'], { stdio: 'ignore' }); console.log(g.pid); ${FOREVER}`,
      { detached: true },
    )
    started.push(Number(line))
    expect(findGroupOrphans(leader.pid!)).toEqual([])
  })
})

describe('stopProcesses', () => {
  it('escalates to SIGKILL when SIGTERM is ignored', async () => {
    const [child] = await startNode(`process.on('SIGTERM', () => {}); console.log('ready'); ${FOREVER}`)
    const exited = once(child, 'exit')
    await stopProcesses([child.pid!], 300)
    expect(await exited).toEqual([null, 'SIGKILL'])
  })
})

describe('guards', () => {
  it('never signals a whole group through pid 0 or a negative pid', async () => {
    // Both would reach this very process group, vitest included: use a signal that harms nobody.
    let received = 0
    const count = () => received++
    process.on('SIGWINCH', count)
    killGroup(0, 'SIGWINCH')
    signalAll([0, -readStat(process.pid)!.pgid], 'SIGWINCH')
    await new Promise((resolve) => setTimeout(resolve, 100))
    process.off('SIGWINCH', count)
    expect(received).toBe(0)
  })
})

async function waitGone(pid: number): Promise<boolean> {
  for (let tries = 0; tries < 100 && isRunning(pid); tries++) await new Promise((r) => setTimeout(r, 20))
  return !isRunning(pid)
}
