// @vitest-environment node
// This file installs a sentinel of its own in-process, so it cannot run under the dogfooded one.
import childProcess from 'node:child_process'
import { createServer } from 'node:http'
import { dirname, join, resolve } from 'node:path'
import { env } from 'node:process'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import { normalizeOptions } from '../../src/vitest/environment/options.js'
import type { Leak } from '../../src/vitest/environment/report.js'
import { installSentinel, type Sentinel } from '../../src/vitest/environment/sentinel.js'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')
const here = /^test\/vitest-env\/sentinel\.test\.ts:\d+$/

let sentinel: Sentinel | undefined
afterEach(() => {
  sentinel?.uninstall()
  sentinel = undefined
})

function summarize(leaks: readonly Leak[] | undefined) {
  return leaks?.map(({ category, subject, change }) => `${category} ${subject} ${change}`)
}

describe('installSentinel', () => {
  it('finds what a file left behind, with the line that did it, and puts env, cwd and execArgv back', async () => {
    const cwd = process.cwd()
    const execArgv = [...process.execArgv]
    sentinel = installSentinel(globalThis, normalizeOptions({}))
    sentinel.startFile(root)
    process.env.SENTINEL_SET = 'value'
    env.SENTINEL_NAMED = 'value'
    process.chdir(join(root, 'test'))
    process.execArgv.push('--no-deprecation')
    ;(globalThis as Record<string, unknown>).sentinelGlobal = 1
    const listener = () => {}
    process.on('beforeExit', listener)
    const timer = setInterval(() => {}, 60_000)
    const server = createServer()
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
    try {
      const leaks = await sentinel.finishFile()
      expect(summarize(leaks)).toEqual([
        'env SENTINEL_NAMED set',
        'env SENTINEL_SET set',
        'cwd working directory changed to test',
        'execArgv --no-deprecation added',
        'globals sentinelGlobal defined',
        "listeners process.on('beforeExit') added",
        'handles timer still open, created',
        'handles server still open, created',
      ])
      for (const leak of leaks ?? []) if (leak.category !== 'globals') expect(leak.at).toMatch(here)
      expect(process.env.SENTINEL_SET).toBeUndefined()
      expect(process.cwd()).toBe(cwd)
      expect(process.execArgv).toEqual(execArgv)
    } finally {
      clearInterval(timer)
      server.close()
      process.off('beforeExit', listener)
      delete (globalThis as Record<string, unknown>).sentinelGlobal
    }
  })

  it('reports nothing for state that was cleaned up, or that allow-lists cover', async () => {
    sentinel = installSentinel(globalThis, normalizeOptions({ forkcheck: { allowEnv: ['SENTINEL_OK_*'] } }))
    sentinel.startFile(root)
    process.env.SENTINEL_TEMPORARY = 'value'
    delete process.env.SENTINEL_TEMPORARY
    process.env.SENTINEL_OK_KEPT = 'value'
    clearTimeout(setTimeout(() => {}, 60_000))
    setTimeout(() => {}, 60_000).unref()
    await new Promise((done) => setTimeout(done, 1))
    expect(await sentinel.finishFile()).toEqual([])
    // Allowed variables are left alone.
    expect(process.env.SENTINEL_OK_KEPT).toBe('value')
    delete process.env.SENTINEL_OK_KEPT
  })

  it('names what a child was handed, even when the leak was cleaned up before the file ended', async () => {
    sentinel = installSentinel(globalThis, normalizeOptions({}))
    sentinel.startFile(root)
    process.env.SENTINEL_HANDED = 'value'
    // A command that does not exist: the start is recorded, no process runs.
    childProcess.spawnSync('forkcheck-test-no-such-command')
    childProcess.spawnSync('forkcheck-test-no-such-command', { env: { PATH: '' } })
    delete process.env.SENTINEL_HANDED
    const leaks = await sentinel.finishFile()
    expect(leaks).toHaveLength(1)
    expect(leaks?.[0]).toMatchObject({
      category: 'children',
      subject: 'spawnSync forkcheck-test-no-such-command',
      change: 'started',
      at: expect.stringMatching(here),
      inherited: [
        expect.stringMatching(/^SENTINEL_HANDED \(set at test\/vitest-env\/sentinel\.test\.ts:\d+\)$/),
      ],
    })
  })

  it('has nothing to report before a file starts', async () => {
    sentinel = installSentinel(globalThis, normalizeOptions({}))
    expect(sentinel.hasStarted()).toBe(false)
    expect(await sentinel.finishFile()).toBeUndefined()
  })

  it('leaves the process exactly as it found it when uninstalled', () => {
    const before = {
      env: process.env,
      chdir: process.chdir,
      on: process.on,
      setTimeout: globalThis.setTimeout,
      spawn: childProcess.spawn,
      listen: createServer().listen,
    }
    sentinel = installSentinel(globalThis, normalizeOptions({}))
    expect(process.env).not.toBe(before.env)
    expect(childProcess.spawn).not.toBe(before.spawn)
    sentinel.uninstall()
    sentinel = undefined
    expect(process.env).toBe(before.env)
    expect(process.chdir).toBe(before.chdir)
    expect(process.on).toBe(before.on)
    expect(globalThis.setTimeout).toBe(before.setTimeout)
    expect(childProcess.spawn).toBe(before.spawn)
    expect(createServer().listen).toBe(before.listen)
    expect(Object.getOwnPropertyDescriptor(process, 'execArgv')).toHaveProperty('value')
  })

  it('installs no probe for categories that are off', () => {
    const off = { env: 'off', cwd: 'off', execArgv: 'off', globals: 'off', listeners: 'off', handles: 'off' }
    const before = { env: process.env, setTimeout: globalThis.setTimeout, spawn: childProcess.spawn }
    sentinel = installSentinel(globalThis, normalizeOptions({ forkcheck: { ...off, children: 'off' } }))
    expect(process.env).toBe(before.env)
    expect(globalThis.setTimeout).toBe(before.setTimeout)
    expect(childProcess.spawn).toBe(before.spawn)
  })
})
