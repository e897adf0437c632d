import { describe, expect, it } from 'vitest'
import { cleanEnv, findScenario, fixturePath, runCli } from '../helpers/cli.js'

const root = fixturePath('ignore-env')
const env = cleanEnv({ FIXTURE_CI: 'true' })
const id = (name: string) => `scenarios/ci.scenario.mjs#${name}`

// `ignoreEnv` leaves variables out of the comparison: the spawn-like child gets them as the
// fork-like child has them, so CI plumbing cannot make a scenario differ in CI alone.
describe('ignoreEnv', () => {
  it('without it, a variable of the shell makes the modes differ, set before the run', async () => {
    const run = await runCli(root, ['--config', 'configs/none.config.mjs', 'scenarios/ci.scenario.mjs'], {
      env,
    })
    const result = findScenario(run.report, id('fromShell'))
    expect(result.verdict).toBe('differs')
    expect(result.causes).toEqual([
      {
        kind: 'env',
        name: 'FIXTURE_CI',
        confirmed: true,
        setBeforeRun: true,
        readAt: 'scenarios/ci.scenario.mjs:6',
      },
    ])
    expect(result.reproduce).toContain(' FIXTURE_CI="$FIXTURE_CI" ')
    expect(findScenario(run.report, id('fromParent')).verdict).toBe('differs')
  })

  it('with it, both modes see the variable as the fork-like child has it', async () => {
    const run = await runCli(root, [], { env })
    expect(run.stderr).toBe('')
    const fromShell = findScenario(run.report, id('fromShell'))
    expect(fromShell.verdict).toBe('same')
    expect(fromShell.outcomes.spawn[0]?.[0]?.value).toBe('true')
    const fromParent = findScenario(run.report, id('fromParent'))
    expect(fromParent.verdict).toBe('same')
    expect(fromParent.outcomes.spawn[0]?.[0]?.value).toBe('runner-1')
    // Another cause is still found, confirmed, and reproduced with the ignored variable in place.
    const other = findScenario(run.report, id('other'))
    expect(other.verdict).toBe('differs')
    expect(other.causes.map(({ kind, name, confirmed }) => ({ kind, name, confirmed }))).toEqual([
      { kind: 'env', name: 'FIXTURE_TIER', confirmed: true },
    ])
    expect(other.reproduce).toMatch(
      /^env -i PATH="\$PATH" .*FIXTURE_CI="\$FIXTURE_CI" FIXTURE_TIER='<redacted>' node /,
    )
    expect(run.exitCode).toBe(1)
  })
})
