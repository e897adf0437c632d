import { describe, expect, it } from 'vitest'
import { findScenario, fixturePath, runCli } from '../helpers/cli.js'

// process.loadEnvFile() in parent() sets variables without a write through process.env.
describe('variables parent() loaded with process.loadEnvFile()', () => {
  it('are set at the line that called it', async () => {
    const run = await runCli(fixturePath('load-env-file'))
    const file = 'scenarios/load.scenario.mjs'
    const causes = findScenario(run.report, `${file}#default`).causes
    const places = causes.map(({ name, setAt }) => ({ name, setAt }))
    expect(places.sort((a, b) => String(a.name).localeCompare(String(b.name)))).toEqual([
      { name: 'API_TOKEN', setAt: `${file}:7` },
      { name: 'API_URL', setAt: `${file}:7` },
    ])
    expect(run.exitCode, run.stderr).toBe(0)
  })
})
