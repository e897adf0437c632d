import { describe, expect, it } from 'vitest'
import { readPattern, readReporters } from '../../src/cli/flags.js'
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
