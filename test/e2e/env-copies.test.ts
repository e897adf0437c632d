import { describe, expect, it } from 'vitest'
import { fixturePath, runCli } from '../helpers/cli.js'

// The env probe is a Proxy, which structured clone refuses whatever it wraps; process.env itself clones.
describe('structuredClone(process.env)', () => {
  it('copies the environment in a child and in parent(), and counts as reading all of it', async () => {
    const run = await runCli(fixturePath('env-copies'))
    const scenarios = Object.fromEntries(
      (run.report?.scenarios ?? []).map((scenario) => [scenario.id, scenario]),
    )
    const file = 'scenarios/clone.scenario.js'
    expect(scenarios[`${file}#child`]?.outcomes.fork[0]?.[0]?.value).toEqual({
      region: 'eu-west-1',
      plain: true,
    })
    expect(scenarios[`${file}#child`]?.causes).toEqual([
      { kind: 'env', name: 'SERVICE_REGION', confirmed: true, setAt: `${file}:7`, readAt: `${file}:10` },
    ])
    expect(scenarios[`${file}#parent`]?.verdict).toBe('same')
    expect(scenarios[`${file}#parent`]?.outcomes.spawn[0]?.[0]?.value).toEqual({ restored: true })
    expect(run.exitCode, run.stderr).toBe(0)
  })
})
