import { describe, expect, it } from 'vitest'
import { findScenario, makeProject, runCli } from '../helpers/cli.js'

// A dependency that reads and writes the environment for its caller, as dotenv, node-config or
// chalk do: the line inside it says what touched the variable, the project's line what to change.
const envlib = [
  "exports.load = () => { process.env.APP_MODE = 'cluster' }",
  "exports.mode = () => process.env.APP_MODE ?? 'single'",
  '',
].join('\n')

describe('a variable set and read inside a dependency', () => {
  it('names the dependency line and the project line that called into it, for the write and the read', async () => {
    const root = makeProject({
      'node_modules/envlib/package.json': '{ "name": "envlib", "main": "index.js" }\n',
      'node_modules/envlib/index.js': envlib,
      'scenarios/mode.scenario.js': [
        "import envlib from 'envlib'",
        'export default {',
        '  parent() { envlib.load() },',
        '  child() { return envlib.mode() },',
        '}',
        '',
      ].join('\n'),
    })
    const run = await runCli(root, [])
    const result = findScenario(run.report, 'scenarios/mode.scenario.js#default')
    expect(result.verdict).toBe('differs')
    expect(result.causes).toEqual([
      {
        kind: 'env',
        name: 'APP_MODE',
        confirmed: true,
        setAt: 'node_modules/envlib/index.js:1',
        setVia: 'scenarios/mode.scenario.js:3',
        readAt: 'node_modules/envlib/index.js:2',
        readVia: 'scenarios/mode.scenario.js:4',
      },
    ])
    expect(run.stdout).toContain(
      'set at node_modules/envlib/index.js:1 via scenarios/mode.scenario.js:3  ' +
        'read at node_modules/envlib/index.js:2 via scenarios/mode.scenario.js:4',
    )
  })
})
