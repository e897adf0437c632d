import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { cleanEnv, findScenario, fixturePath, runCli } from '../helpers/cli.js'

const root = fixturePath('ci-config')
const ID = 'checks/input.check.ts#default'

describe('forkcheck.config.ts', () => {
  it('is found from the cwd upward and applied', async () => {
    // `include` points at checks/, which the defaults would never find; `repeat: 2` runs each mode
    // twice; `allowEnv: ['CONFIG_FIXTURE_*']` hands the variable to the clean spawn as well.
    const run = await runCli(join(root, 'checks'), [], { env: cleanEnv({ CONFIG_FIXTURE_LEVEL: 'debug' }) })
    expect(run.stderr).toBe('')
    expect(run.exitCode).toBe(0)
    const result = findScenario(run.report, ID)
    expect(result.verdict).toBe('same')
    expect(result.outcomes.fork).toHaveLength(2)
    expect(result.outcomes.spawn).toHaveLength(2)
    expect(result.outcomes.spawn[0]?.[0]?.value).toEqual({ answer: 42, level: 'debug' })
  })

  it('yields to command-line flags', async () => {
    const run = await runCli(root, ['--repeat', '1'])
    expect(run.exitCode).toBe(0)
    expect(findScenario(run.report, ID).outcomes.fork).toHaveLength(1)
  })

  it.each([
    [
      'unknown-key.config.ts',
      'configs/unknown-key.config.ts: unknown option `timout` — did you mean `timeout`?',
    ],
    [
      'wrong-type.config.mjs',
      'Expected `timeout` in configs/wrong-type.config.mjs to be a positive integer, got `"x"` (string).',
    ],
    [
      'throws.config.mjs',
      'configs/throws.config.mjs could not be loaded: Error: config exploded (at configs/throws.config.mjs:1)',
    ],
    [
      'bad-syntax.config.mjs',
      "configs/bad-syntax.config.mjs could not be loaded: SyntaxError: Unexpected token ','",
    ],
    ['missing.config.mjs', 'The config file `configs/missing.config.mjs` does not exist.'],
  ])('%s: one line on stderr and exit code 2', async (name, message) => {
    const run = await runCli(root, ['--config', `configs/${name}`])
    expect(run.exitCode).toBe(2)
    expect(run.stderr).toBe(`forkcheck: ${message}`)
    expect(run.stdout).toBe('')
    expect(run.report).toBeUndefined()
  })
})
