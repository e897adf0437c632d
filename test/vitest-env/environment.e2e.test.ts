import { beforeAll, describe, expect, it } from 'vitest'
import {
  ensureEnvironmentBuilt,
  type FixtureRun,
  linkEnvironmentPackage,
  runFixture,
  SECRET,
} from './run-fixture.js'

beforeAll(async () => {
  await ensureEnvironmentBuilt()
  linkEnvironmentPackage()
})

function expectNoSecret(run: FixtureRun): void {
  expect(run.output).not.toContain(SECRET)
  expect(run.rawReport).not.toContain(SECRET)
}

function fileResult(run: FixtureRun, file: string) {
  const result = run.files.get(file)
  if (result === undefined)
    throw new Error(`no ${file} in ${[...run.files.keys()].join(', ')}\n${run.output}`)
  return result
}

describe('a leaky test file', () => {
  let run: FixtureRun
  beforeAll(async () => {
    run = await runFixture('leaky')
  })

  it('fails the file and exits non-zero, although every test passed', () => {
    expect(run.exitCode).toBe(1)
    expect(fileResult(run, 'test/leaky.test.ts').status).toBe('failed')
    expect(run.output).toMatch(/Tests\s+3 passed/)
  })

  it('lists each error leak with category, name and file:line', () => {
    const lines = fileResult(run, 'test/leaky.test.ts').message.split('\n')
    expect(lines[0]).toBe(
      'forkcheck: test/leaky.test.ts leaked 6 items that child processes and later test files inherit:',
    )
    expect(lines).toContain('  env        LEAKED_TOKEN set at test/leaky.test.ts:11')
    expect(lines).toContain('  env        LEAKED_VIA_IMPORT set at test/leaky.test.ts:12')
    expect(lines).toContain('  cwd        working directory changed to test at test/leaky.test.ts:13')
    expect(lines).toContain(
      '  children   spawnSync node started at test/leaky.test.ts:18 inherited ' +
        'LEAKED_TOKEN (set at test/leaky.test.ts:11), LEAKED_VIA_IMPORT (set at test/leaky.test.ts:12), ' +
        'cwd test (changed at test/leaky.test.ts:13)',
    )
  })

  it('names what each child was handed, including flags and promisified starts', () => {
    const message = fileResult(run, 'test/leaky.test.ts').message
    expect(message).toMatch(
      /children {3}execFile node started at test\/leaky\.test\.ts:25 inherited .*NODE_OPTIONS \(set at test\/leaky\.test\.ts:24\)/,
    )
    expect(message).toMatch(
      /children {3}cluster\.fork exit\.cjs started at test\/leaky\.test\.ts:31 inherited .*--no-deprecation \(added at test\/leaky\.test\.ts:23\)/,
    )
  })

  it('prints warn leaks on stderr without failing for them', () => {
    expect(run.output).toContain('forkcheck warning: test/leaky.test.ts left 7 items behind:')
    for (const line of [
      '  execArgv   --no-deprecation added at test/leaky.test.ts:23',
      '  execArgv   NODE_OPTIONS set at test/leaky.test.ts:24',
      '  globals    leakedGlobal defined',
      "  listeners  process.on('exit') added at test/leaky.test.ts:15",
      '  handles    server still open, created at test/leaky.test.ts:17',
      '  handles    timer still open, created at test/leaky.test.ts:26',
    ]) {
      expect(run.output).toContain(line)
    }
  })

  it('never prints a leaked value, and shows no code frame of user lines', () => {
    expectNoSecret(run)
    expect(run.output).not.toMatch(/❯ test\/leaky\.test\.ts:\d+:\d+/)
  })
})

describe('a clean project', () => {
  it('passes with exit code 0 and prints nothing from forkcheck', async () => {
    const run = await runFixture('clean')
    expect(run.exitCode, run.output).toBe(0)
    expect([...run.files.values()].map((file) => file.status)).toEqual(['passed', 'passed'])
    expect(run.output).not.toMatch(/forkcheck|Forkcheck/)
    expectNoSecret(run)
  })
})

describe('options', () => {
  it('warns, ignores and allows as configured, and then passes', async () => {
    const run = await runFixture('relaxed')
    expect(run.exitCode, run.output).toBe(0)
    expect(run.output).toContain('forkcheck warning: test/relaxed.test.ts left 1 item behind:')
    expect(run.output).toContain('  env        WARNED_LEAK set at test/relaxed.test.ts:5')
    expect(run.output).not.toMatch(/ALLOWED_LEAK|ignoredGlobal|working directory|children /)
    expectNoSecret(run)
  })

  it("blames a setup file's leak on each file, with the way out: test.env is in the baseline", async () => {
    const run = await runFixture('setup-file')
    expect(run.exitCode).toBe(1)
    const { message } = fileResult(run, 'test/plain.test.ts')
    expect(message).toContain('  env        TZ set at setup.ts:1')
    expect(message).toContain(
      "A setupFiles module runs before every test file, so what it leaves counts for each: give variables to vitest's `test.env` instead",
    )
    expect(message).not.toContain('CONFIG_ENV')
  })

  it('rejects invalid options with one clear message', async () => {
    const run = await runFixture('invalid-options')
    expect(run.exitCode).toBe(1)
    expect(run.output).toContain(
      "ForkcheckOptionsError: Expected `environmentOptions.forkcheck.env` to be 'error', 'warn' or 'off', " +
        'got `"nope"` (string)',
    )
  })
})

describe('ways to select the environment', () => {
  it('works per file with a docblock, with docblock options', async () => {
    const run = await runFixture('docblock')
    expect(run.exitCode).toBe(1)
    expect(fileResult(run, 'test/checked.test.ts').status).toBe('failed')
    expect(fileResult(run, 'test/checked.test.ts').message).toContain(
      '  env        DOCBLOCK_LEAK set at test/checked.test.ts:5',
    )
    expect(fileResult(run, 'test/unchecked.test.ts').status).toBe('passed')
    expect(fileResult(run, 'test/relaxed.test.ts').status).toBe('passed')
    expect(run.output).toContain('  env        DOCBLOCK_WARNED set at test/relaxed.test.ts:6')
    expectNoSecret(run)
  })

  it('works by path', async () => {
    const run = await runFixture('path-form')
    expect(run.exitCode).toBe(1)
    expect(fileResult(run, 'test/leaks.test.ts').message).toContain(
      '  env        PATH_FORM_LEAK set at test/leaks.test.ts:4',
    )
  })
})

describe('pools and isolation', () => {
  it('checks each file and restores env and cwd between files of one worker (isolate: false)', async () => {
    const run = await runFixture('shared-worker')
    expect(run.exitCode).toBe(1)
    const leaks = fileResult(run, 'test/a-leaks.test.ts').message
    expect(leaks).toContain('  env        SHARED_LEAK set at test/a-leaks.test.ts:4')
    expect(leaks).toContain('  cwd        working directory changed to test at test/a-leaks.test.ts:5')
    // The second file asserts that it starts without the first file's variable and cwd.
    expect(fileResult(run, 'test/b-inherits.test.ts').status).toBe('passed')
    expectNoSecret(run)
  })

  it('works in worker threads', async () => {
    const run = await runFixture('threads')
    expect(run.exitCode).toBe(1)
    expect(fileResult(run, 'test/leaks.test.ts').message).toContain(
      '  env        THREAD_LEAK set at test/leaks.test.ts:4',
    )
    expect(fileResult(run, 'test/clean.test.ts').status).toBe('passed')
  })
})
