import { describe, expect, it } from 'vitest'
import { cleanEnv, runCli } from '../helpers/cli.js'
import { runVitest, statuses, vitestFixture } from './run-vitest.js'

const FILE = 'scenarios/parity.scenario.ts'

// A vitest worker carries NODE_ENV=test, VITEST* variables and its own execArgv (TRAPS.md):
// scenarios run from vitest must get the verdicts the CLI gives, not inherit those.
describe('vitest and the CLI give the same verdicts', async () => {
  const [cli, vitest] = await Promise.all([runCli(vitestFixture('parity'), [FILE]), runVitest('parity')])

  it('the CLI: same for NODE_ENV, execArgv and VITEST reads; differs for the known leak', () => {
    const verdicts = cli.report?.scenarios.map((result) => [result.exportName, result.verdict, result.pass])
    expect(verdicts).toEqual([
      ['execArgv', 'same', true],
      ['inheritsMode', 'differs', true],
      ['nodeEnv', 'same', true],
      ['vitestVariables', 'same', true],
    ])
    expect(cli.exitCode).toBe(0)
  })

  it('vitest: every scenario() and the scenarioFiles() test meet the same expectations', () => {
    expect(statuses(vitest)).toEqual({
      'test/parity.test.ts › nodeEnv': 'passed',
      'test/parity.test.ts › execArgv': 'passed',
      'test/parity.test.ts › vitestVariables': 'passed',
      'test/parity.test.ts › inheritsMode': 'passed',
      [`test/parity.test.ts › ${FILE}`]: 'passed',
    })
    expect(vitest.exitCode).toBe(0)
  })

  it('the NODE_ENV scenario does tell an inherited NODE_ENV=test apart', async () => {
    const run = await runCli(vitestFixture('parity'), [FILE, '-t', 'NODE_ENV'], {
      env: cleanEnv({ NODE_ENV: 'test' }),
    })
    expect(run.report?.scenarios.find((result) => result.exportName === 'nodeEnv')?.verdict).toBe('differs')
  })
})
