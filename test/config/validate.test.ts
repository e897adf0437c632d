import { describe, expect, it } from 'vitest'
import type { ForkcheckConfig } from '../../src/config/define.js'
import { validateConfig } from '../../src/config/validate.js'
import { encodeValue } from '../../src/outcome/encode.js'

const WHERE = 'forkcheck.config.ts'

function messageOf(value: unknown): string {
  try {
    validateConfig(value, WHERE)
  } catch (error) {
    expect((error as Error).name).toBe('UsageError')
    return (error as Error).message
  }
  throw new Error('expected validateConfig to throw')
}

describe('validateConfig', () => {
  it('returns every valid option as given', () => {
    const config: Required<ForkcheckConfig> = {
      include: ['checks/**/*.check.ts'],
      exclude: ['checks/slow/**'],
      allowEnv: ['DEBUG', 'MY_APP_*'],
      ignoreEnv: ['CI', 'GITHUB_*'],
      timeout: 5_000,
      repeat: 2,
      concurrency: 1,
      bail: 3,
      outputCap: 4096,
      maxBisectRuns: 0,
      flaky: 'fail',
      showEnvValues: false,
      reporters: [
        'default',
        { name: 'junit', outputFile: 'reports/forkcheck.xml' },
        { name: './my-reporter.mjs' },
      ],
      baseline: 'ci/forkcheck.baseline.json',
    }
    expect(validateConfig(config, WHERE)).toEqual(config)
  })

  it('treats undefined values as not set', () => {
    expect(validateConfig(encodeValue({ timeout: undefined, repeat: 2 }), WHERE)).toEqual({ repeat: 2 })
  })

  it('names an unknown key and suggests the option meant', () => {
    expect(messageOf({ timout: 5 })).toBe(`${WHERE}: unknown option \`timout\` — did you mean \`timeout\`?`)
    expect(messageOf({ reporter: ['json'] })).toBe(
      `${WHERE}: unknown option \`reporter\` — did you mean \`reporters\`?`,
    )
    expect(messageOf({ IGNOREENV: [] })).toContain('did you mean `ignoreEnv`?')
  })

  it('lists the known options when nothing is close', () => {
    expect(messageOf({ colours: true })).toMatch(
      /^forkcheck\.config\.ts: unknown option `colours` \(known options: include, exclude, .*baseline\)\.$/,
    )
  })

  it('sends command-line choices back to the command line', () => {
    expect(messageOf({ shard: '1/2' })).toBe(
      `${WHERE}: \`shard\` is not a config option — pass --shard on the command line.`,
    )
    expect(messageOf({ testNamePattern: 'db' })).toContain('pass --testNamePattern')
  })

  it('reports unknown keys before wrong values', () => {
    expect(messageOf({ timeout: 'x', timout: 1 })).toContain('unknown option `timout`')
  })

  it.each([
    [
      { timeout: 'x' },
      'Expected `timeout` in forkcheck.config.ts to be a positive integer, got `"x"` (string).',
    ],
    [
      { timeout: -1 },
      'Expected `timeout` in forkcheck.config.ts to be a positive integer, got `-1` (number).',
    ],
    [
      { repeat: 1.5 },
      'Expected `repeat` in forkcheck.config.ts to be a positive integer, got `1.5` (number).',
    ],
    [
      { concurrency: 0 },
      'Expected `concurrency` in forkcheck.config.ts to be a positive integer, got `0` (number).',
    ],
    [
      { maxBisectRuns: -2 },
      'Expected `maxBisectRuns` in forkcheck.config.ts to be a non-negative integer, got `-2` (number).',
    ],
    [
      { flaky: 'never' },
      'Expected `flaky` in forkcheck.config.ts to be `"fail"` or `"warn"`, got `"never"` (string).',
    ],
    [
      { showEnvValues: 'yes' },
      'Expected `showEnvValues` in forkcheck.config.ts to be `true` or `false`, got `"yes"` (string).',
    ],
    [
      { include: 'scenarios/**' },
      'Expected `include` in forkcheck.config.ts to be an array of glob strings, got `"scenarios/**"` (string).',
    ],
    [
      { exclude: ['a', 3] },
      'Expected `exclude[1]` in forkcheck.config.ts to be one of glob strings, got `3` (number).',
    ],
    [
      { ignoreEnv: ['CI=true'] },
      'Expected `ignoreEnv[0]` in forkcheck.config.ts to be one of variable names or `PREFIX_*` patterns, got `"CI=true"` (string).',
    ],
    [
      { allowEnv: ['*_TOKEN'] },
      'Expected `allowEnv[0]` in forkcheck.config.ts to be one of variable names or `PREFIX_*` patterns, got `"*_TOKEN"` (string).',
    ],
    [
      { baseline: '' },
      'Expected `baseline` in forkcheck.config.ts to be a path relative to the root, got `""` (string).',
    ],
    [
      { timeout: null },
      'Expected `timeout` in forkcheck.config.ts to be a positive integer, got `null` (null).',
    ],
  ])('rejects %j with an execa-style message', (config, message) => {
    expect(messageOf(config)).toBe(message)
  })

  it('checks each reporter', () => {
    expect(messageOf({ reporters: 'json' })).toContain('`reporters` in forkcheck.config.ts to be an array of')
    expect(messageOf({ reporters: ['json', 4] })).toBe(
      'Expected `reporters[1]` in forkcheck.config.ts to be a reporter name or path, or `{ name, outputFile }`, got `4` (number).',
    )
    expect(messageOf({ reporters: [{ name: 'json', output: 'x.json' }] })).toBe(
      `${WHERE}: unknown option \`reporters[0].output\`.`,
    )
    expect(messageOf({ reporters: [{ name: 'json', outputFile: 1 }] })).toContain('`reporters[0].outputFile`')
    expect(messageOf({ reporters: [{ outputFile: 'x' }] })).toContain('`reporters[0].name`')
  })

  it('says what a value that is not data was', () => {
    // What the config child sends for `reporters: [createReporter]`.
    const sent = encodeValue({ reporters: [function createReporter() {}] })
    expect(messageOf(sent)).toBe(
      'Expected `reporters[0]` in forkcheck.config.ts to be a reporter name or path, or `{ name, outputFile }`, got `function createReporter` (function).',
    )
    expect(messageOf(encodeValue({ timeout: Number.NaN }))).toContain('got `NaN` (number).')
  })

  it('wants an object as the default export', () => {
    expect(messageOf(encodeValue(() => ({})))).toMatch(
      /^Expected the default export of forkcheck\.config\.ts to be an object \(`export default defineConfig\(\{ … \}\)`\), got `function/,
    )
    expect(messageOf([])).toContain('got `[]` (array).')
    expect(messageOf(null)).toContain('got `null` (null).')
  })
})
