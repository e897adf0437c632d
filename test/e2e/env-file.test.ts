import { describe, expect, it } from 'vitest'
import { cleanEnv, findScenario, fixturePath, runCli } from '../helpers/cli.js'

const root = fixturePath('env-file')
const id = (name: string) => `scenarios/env-file.scenario.mjs#${name}`
const places = (causes: { name?: string; setAt?: string; setBeforeRun?: true }[]) =>
  causes
    .map(({ name, setAt, setBeforeRun }) => ({ name, setAt, ...(setBeforeRun ? { setBeforeRun } : {}) }))
    .sort((a, b) => String(a.name).localeCompare(String(b.name)))

// Node loads --env-file before the parent runs any code: the line of the file is the set-at.
describe('variables from a parent flag --env-file', () => {
  it('are set at the line of the file that defines them, the later file winning', async () => {
    const run = await runCli(root, [], { env: cleanEnv() })
    expect(run.stderr).toBe('')
    const fromFile = findScenario(run.report, id('fromFile'))
    expect(fromFile.verdict).toBe('differs')
    expect(places(fromFile.causes)).toEqual([
      { name: 'FEATURE_FLAGS', setAt: 'config/override.env:1' },
      { name: 'SERVICE_URL', setAt: 'config/app.env:2' },
    ])
    const overwritten = findScenario(run.report, id('overwritten'))
    expect(places(overwritten.causes)).toEqual([
      { name: 'SERVICE_URL', setAt: 'scenarios/env-file.scenario.mjs:14' },
    ])
  })

  it("are the environment's when forkcheck was started with them", async () => {
    const run = await runCli(root, ['scenarios/env-file.scenario.mjs'], {
      env: cleanEnv({ SERVICE_URL: 'http://svc.local' }),
    })
    const causes = findScenario(run.report, id('fromFile')).causes
    expect(places(causes)).toEqual([
      { name: 'FEATURE_FLAGS', setAt: 'config/override.env:1' },
      { name: 'SERVICE_URL', setAt: undefined, setBeforeRun: true },
    ])
    expect(run.stdout).toContain('env SERVICE_URL  confirmed  set before the run  read at')
  })
})
