import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import { describeKeptAlive } from '../../src/bootstrap/describe-handles.js'
import { listKeptAlive } from '../../src/bootstrap/kept-alive.js'
import { activeResources } from '../../src/bootstrap/resources.js'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')
const harnessDir = resolve(root, 'dist')
const cleanups: Array<() => void> = []

afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup()
})

describe('listKeptAlive', () => {
  it('lists what user code opened beyond the baseline', () => {
    const baseline = activeResources()
    const timer = setInterval(() => {}, 1000)
    cleanups.push(() => clearInterval(timer))
    expect(listKeptAlive(baseline)).toEqual(['Timeout'])
  })

  it('leaves out what was unref’d: it keeps nothing alive', () => {
    const baseline = activeResources()
    const timer = setInterval(() => {}, 1000).unref()
    cleanups.push(() => clearInterval(timer))
    expect(listKeptAlive(baseline)).not.toContain('Timeout')
  })
})

describe('describeKeptAlive', () => {
  it('names a timer’s kind, delay and callback', async () => {
    const timer = setInterval(function pollsForever() {}, 1234)
    cleanups.push(() => clearInterval(timer))
    // vitest has timers of its own in this process: describe as many as there may be.
    const described = await describeKeptAlive(Array(20).fill('Timeout'), root, harnessDir)
    expect(described).toContainEqual(
      expect.stringMatching(
        /^Timeout \(setInterval 1234 ms, callback pollsForever at .*kept-alive\.test\.ts:\d+\)$/,
      ),
    )
  })

  it('names the port of a listening server', async () => {
    const server = createServer()
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
    cleanups.push(() => server.close())
    const { port } = server.address() as { port: number }
    expect(await describeKeptAlive(['TCPServerWrap'], root, harnessDir)).toEqual([
      `TCPServerWrap (server listening on port ${port})`,
    ])
  })

  it('gives a TCP server’s description to no Unix socket server', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kept-alive-'))
    const pipeServer = createServer()
    const tcpServer = createServer()
    cleanups.push(() => {
      pipeServer.close()
      tcpServer.close()
      rmSync(dir, { recursive: true, force: true })
    })
    await new Promise<void>((done) => pipeServer.listen(join(dir, 'server.sock'), done))
    await new Promise<void>((done) => tcpServer.listen(0, '127.0.0.1', done))
    const { port } = tcpServer.address() as { port: number }
    expect(await describeKeptAlive(['TCPServerWrap'], root, harnessDir)).toEqual([
      `TCPServerWrap (server listening on port ${port})`,
    ])
  })

  it('keeps a type it cannot describe as it is', async () => {
    expect(await describeKeptAlive(['FSReqCallback'], root, harnessDir)).toEqual(['FSReqCallback'])
  })
})
