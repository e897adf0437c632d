import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Readable, Writable } from 'node:stream'
import { afterAll, describe, expect, it } from 'vitest'
import type { ChildInit } from '../../src/bootstrap/child-protocol.js'
import { encodeFrame, FrameDecoder, type Message } from '../../src/channel/frames.js'
import { repoRoot } from '../helpers/cli.js'

// The child bootstrap as the build made it, driven over fd 3 the way a parent process drives it.
const CHILD_BOOTSTRAP = join(repoRoot, 'dist', 'bundle-child', 'child.js')
const project = mkdtempSync(join(tmpdir(), 'forkcheck-barrier-'))
writeFileSync(join(project, 'package.json'), '{ "type": "module" }\n')
writeFileSync(join(project, 'answer.scenario.mjs'), 'export default { child: () => 21 * 2 }\n')
afterAll(() => rmSync(project, { recursive: true, force: true }))

interface Driven {
  child: ChildProcess
  /** Resolves with the next frame of this type the child sends. */
  frame(type: string): Promise<Message>
  /** Types of every frame received so far, in order. */
  received: string[]
  send(type: string): void
}

function startBootstrap(barrier: boolean): Driven {
  const child = spawn(process.execPath, [CHILD_BOOTSTRAP], {
    cwd: project,
    stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
  })
  const channel = child.stdio[3] as Readable & Writable
  const decoder = new FrameDecoder()
  const frames: Message[] = []
  const waiting = new Map<string, (message: Message) => void>()
  const received: string[] = []
  channel.on('data', (chunk: Buffer) => {
    for (const message of decoder.push(chunk)) {
      received.push(message.type)
      const wake = waiting.get(message.type)
      if (wake) {
        waiting.delete(message.type)
        wake(message)
      } else frames.push(message)
    }
  })
  const init: ChildInit = {
    type: 'init',
    file: join(project, 'answer.scenario.mjs'),
    exportName: 'default',
    root: project,
    input: undefined,
    worker: 0,
    workers: 1,
    tsCacheDir: undefined,
    selfImport: undefined,
    loader: undefined,
    watch: undefined,
    clusterWorker: false,
    timeout: 30_000,
    barrier,
  }
  channel.write(encodeFrame(init as unknown as Message))
  return {
    child,
    received,
    frame(type) {
      const index = frames.findIndex((message) => message.type === type)
      if (index >= 0) return Promise.resolve(frames.splice(index, 1)[0]!)
      return new Promise((resolve) => waiting.set(type, resolve))
    },
    send(type) {
      channel.write(encodeFrame({ type }))
    },
  }
}

/** True when the child sends nothing more within a few turns of its event loop and ours. */
async function staysQuiet(driven: Driven, ms: number): Promise<boolean> {
  const before = driven.received.length
  await new Promise((resolve) => setTimeout(resolve, ms))
  return driven.received.length === before && driven.child.exitCode === null
}

/** The child reports, then stays until it is released, and ends cleanly then. */
async function expectHeldUntilRelease(driven: Driven): Promise<void> {
  expect((await driven.frame('outcome')).value).toBe(42)
  expect(await staysQuiet(driven, 300)).toBe(true)
  const exit = once(driven.child, 'exit')
  driven.send('release')
  expect(await exit).toEqual([0, null])
  expect(driven.received).toEqual(['ready', 'outcome', 'exit-hooks'])
}

describe('the start barrier', () => {
  it('holds a child that shares a run until go, and keeps it until release', async () => {
    const driven = startBootstrap(true)
    await driven.frame('ready')
    // A wait, not a limit: a slow machine can only make this pass, never fail, wrongly.
    expect(await staysQuiet(driven, 300)).toBe(true)
    driven.send('go')
    await expectHeldUntilRelease(driven)
  })

  it('lets a child alone run as soon as it has loaded, and still keeps it until release', async () => {
    const driven = startBootstrap(false)
    await expectHeldUntilRelease(driven)
  })

  // The release is how a child learns that user code broke the channel: it must end the same way
  // (exit code 1) however the harness's reading and its own writing interleave.
  it('ends a child alone whose channel the harness closed with exit code 1', async () => {
    const driven = startBootstrap(false)
    await driven.frame('outcome')
    const exit = once(driven.child, 'exit')
    ;(driven.child.stdio[3] as Readable).destroy()
    expect(await exit).toEqual([1, null])
  })
})
