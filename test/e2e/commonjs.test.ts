import { describe, expect, it } from 'vitest'
import { cleanEnv, fixturePath, runCli } from '../helpers/cli.js'

// CommonJS scenario files: `module.exports = scenario`, `exports.name = scenario`, and an object of
// scenarios the CommonJS lexer cannot see into.
describe('CommonJS scenario files', () => {
  it('finds each scenario under its own id and runs it', async () => {
    const run = await runCli(fixturePath('commonjs'), [], { env: cleanEnv() })
    expect(run.stderr).toBe('')
    const verdicts = Object.fromEntries(run.report!.scenarios.map((result) => [result.id, result.verdict]))
    expect(verdicts).toEqual({
      'scenarios/named.scenario.cjs#own': 'same',
      'scenarios/named.scenario.cjs#separator': 'same',
      'scenarios/object.scenario.js#first': 'same',
      'scenarios/object.scenario.js#second': 'same',
      'scenarios/whole.scenario.cjs#default': 'differs',
    })
    const values = run.report!.scenarios.map((result) => [result.id, result.outcomes.spawn[0]?.[0]?.value])
    expect(Object.fromEntries(values)).toMatchObject({
      'scenarios/named.scenario.cjs#own': true,
      'scenarios/object.scenario.js#second': 2,
    })
    expect(run.exitCode).toBe(1)
  })
})
