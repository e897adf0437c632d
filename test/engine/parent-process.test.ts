import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { describeParentExit, ParentHost } from '../../src/engine/parent-host.js'

// A parent that never starts must end like one that died at once: no answer, an exit to report.
describe('a parent process that cannot start', () => {
  it.each([
    ['spawn throws (an environment value with a NUL byte)', { root: tmpdir(), env: { BAD: 'a\0b' } }],
    ['spawn fails (no such working directory)', { root: join(tmpdir(), 'forkcheck-no-such-dir'), env: {} }],
  ])('%s: ends at once, without an answer', async (_, start) => {
    const parent = new ParentHost({ ...start, execArgv: [] })
    expect(await parent.exit).toEqual({ exitCode: undefined, signal: undefined })
    expect(parent.pid).toBe(0)
    expect(parent.hasExited).toBe(true)
    expect(await parent.request({ type: 'exit' })).toBeUndefined()
    expect(describeParentExit(parent.exitInfo!)).toBe('exit code unknown')
    await parent.close()
  })
})
