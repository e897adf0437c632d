import { describe, expect, it } from 'vitest'
import {
  listSwitches,
  pinSwitches,
  readPattern,
  readReporters,
  readSwitch,
  readSwitches,
} from '../../src/cli/flags.js'
import { makeRunOptions } from '../../src/cli/options.js'

describe('makeRunOptions', () => {
  const config = {
    include: ['checks/**/*.check.ts'],
    timeout: 5_000,
    repeat: 2,
    ignoreEnv: ['CI'],
    reporters: ['json'],
    baseline: 'ci/baseline.json',
  }

  it('starts from the config and lets flags override it', () => {
    expect(makeRunOptions(['a.scenario.ts'], { repeat: '1', bail: 2 }, config)).toEqual({
      include: ['checks/**/*.check.ts'],
      timeout: 5_000,
      repeat: 1,
      bail: 2,
      ignoreEnv: ['CI'],
      files: ['a.scenario.ts'],
    })
  })

  it('reads every run flag', () => {
    const flags = {
      timeout: '100',
      concurrency: 2,
      maxBisectRuns: '0',
      flaky: 'fail',
      mode: 'spawn',
      testNamePattern: 'db',
      shard: '2/3',
      showEnvValues: true,
    }
    expect(makeRunOptions([], flags, {})).toEqual({
      files: [],
      timeout: 100,
      concurrency: 2,
      maxBisectRuns: 0,
      flaky: 'fail',
      mode: 'spawn',
      testNamePattern: 'db',
      shard: '2/3',
      showEnvValues: true,
    })
  })

  it('lets --show-env-values=false turn off the config’s showEnvValues', () => {
    expect(makeRunOptions([], { showEnvValues: false }, { showEnvValues: true })).toEqual({
      files: [],
      showEnvValues: false,
    })
  })

  it.each([
    [{ timeout: 'soon' }, 'Expected `--timeout` to be an integer of at least 1, got `soon`.'],
    [{ maxBisectRuns: '-1' }, 'Expected `--max-bisect-runs` to be an integer of at least 0, got `-1`.'],
    [{ mode: 'both' }, 'Expected `--mode` to be one of fork, spawn, got `both`.'],
    [{ shard: '4/3' }, 'Expected `--shard` as index/count with 1 <= index <= count (e.g. 2/4), got `4/3`.'],
    [{ testNamePattern: '(' }, 'Expected `--testNamePattern` to be a regular expression, got `(`:'],
  ])('rejects %j as a usage error', (flags, message) => {
    expect(() => makeRunOptions([], flags, {})).toThrow(message)
  })
})

describe('readPattern', () => {
  it('keeps a valid pattern as text', () => {
    expect(readPattern('db|cache')).toBe('db|cache')
    expect(readPattern(undefined)).toBeUndefined()
  })
})

describe('readReporters', () => {
  const fallback = [{ name: 'default' }, { name: 'junit', outputFile: 'reports/forkcheck.xml' }]

  it('uses the fallback (config or defaults) without --reporter', () => {
    expect(readReporters({}, fallback)).toEqual(fallback)
  })

  it('lets --reporter replace the fallback', () => {
    expect(readReporters({ reporter: ['default', 'json'] }, fallback)).toEqual([
      { name: 'default' },
      { name: 'json' },
    ])
  })

  it('gives --outputFile to the one file reporter, or by name', () => {
    expect(readReporters({ reporter: ['default', 'json'], outputFile: 'r.json' }, [])).toEqual([
      { name: 'default' },
      { name: 'json', outputFile: 'r.json' },
    ])
    expect(readReporters({ outputFile: { junit: 'other.xml' } }, fallback)).toEqual([
      { name: 'default' },
      { name: 'junit', outputFile: 'other.xml' },
    ])
  })

  it('refuses one --outputFile for two file reporters', () => {
    expect(() => readReporters({ reporter: ['json', 'junit'], outputFile: 'r' }, [])).toThrow(
      'Several file reporters need one file each',
    )
  })
})

describe('switches', () => {
  const switches = listSwitches([
    { rawName: '--show-env-values', isBoolean: true },
    { rawName: '-l, --list', isBoolean: true },
    { rawName: '--baseline <path>' },
  ])

  it('are the options declared without a value, by their long names', () => {
    expect(switches).toEqual(['--show-env-values', '--list'])
  })

  // cac parsed `--show-env-values a.scenario.ts` as the flag with the value `a.scenario.ts`.
  it('never take the next argument: a bare switch is pinned to `=true` before `--`', () => {
    expect(
      pinSwitches(['--show-env-values', 'a.scenario.ts', '--list=false', '--', '--list'], switches),
    ).toEqual(['--show-env-values=true', 'a.scenario.ts', '--list=false', '--', '--list'])
  })

  it('read as booleans, the last one counting', () => {
    expect(
      readSwitches({ showEnvValues: 'false' as never, list: [true, 'true'] as never }, switches),
    ).toEqual({
      showEnvValues: false,
      list: true,
    })
    expect(readSwitch('list', undefined)).toBeUndefined()
  })

  it('refuse any other value as a usage error', () => {
    expect(() => readSwitch('update-baseline', 'yes')).toThrow(
      'Expected `--update-baseline` alone, or as `--update-baseline=true` or `--update-baseline=false`, got `yes`.',
    )
  })
})
