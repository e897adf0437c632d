import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it, onTestFinished } from 'vitest'
import { describeParentExit, ParentHost } from '../../src/engine/parent-host.js'
import { repoRoot } from '../helpers/cli.js'

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

// Where a parent set an item is its last write: the value its children inherit came from there.
describe('a parent process reporting where its set-up set things', () => {
  it('names the last write of a variable, not a library clearing it as it loads', async () => {
    const root = mkdtempSync(join(tmpdir(), 'forkcheck-set-at-'))
    onTestFinished(() => rmSync(root, { recursive: true, force: true }))
    writeFileSync(join(root, 'package.json'), '{ "type": "module" }\n')
    // What the `debug` package does on import: it saves its namespaces by deleting DEBUG.
    writeFileSync(join(root, 'logger.js'), 'delete process.env.APP_DEBUG\nexport const ready = true\n')
    const scenario = [
      "import { ready } from './logger.js'",
      'export default {',
      '  parent() {',
      "    process.env.APP_DEBUG = 'app:*'",
      "    process.chdir('/')",
      '    process.chdir(import.meta.dirname)',
      '  },',
      '  child: () => ready,',
      '}',
    ]
    const file = join(root, 'debug.scenario.js')
    writeFileSync(file, `${scenario.join('\n')}\n`)
    // The built parent host: it starts the built parent bootstrap (src has no bundle to start).
    const built = (await import(
      `${repoRoot}/dist/engine/parent-host.js`
    )) as typeof import('../../src/engine/parent-host.js')
    const parent = new built.ParentHost({ root, env: {}, execArgv: [] })
    onTestFinished(() => parent.close())
    const answer = await parent.request(
      { type: 'setup', file, exportName: 'default', root, workers: 1, name: 'debug' },
      20_000,
    )
    expect(answer).toMatchObject({
      type: 'setup-done',
      setAt: { 'env:APP_DEBUG': { at: 'debug.scenario.js:4' }, cwd: { at: 'debug.scenario.js:6' } },
    })
  })
})
