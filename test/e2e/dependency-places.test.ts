import { describe, expect, it } from 'vitest'
import { cleanEnv, findScenario, makeProject, runCli } from '../helpers/cli.js'

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

describe('a dependency that ships source maps', () => {
  it('is named by the file that ran, also when a TypeScript scenario in the run turns source maps on', async () => {
    // Line 2 maps to line 5 of a src/index.ts the package does not ship.
    const map = { version: 3, sources: ['../src/index.ts'], names: [], mappings: 'AAAA;AAIA' }
    const inline = Buffer.from(JSON.stringify(map)).toString('base64')
    const root = makeProject({
      'node_modules/envlib/package.json': '{ "name": "envlib", "main": "index.js" }\n',
      'node_modules/envlib/index.js': `${envlib}//# sourceMappingURL=data:application/json;base64,${inline}\n`,
      'scenarios/plain.scenario.js':
        "import envlib from 'envlib'\nexport default { child: () => envlib.mode() }\n",
      'scenarios/typed.scenario.ts':
        "import envlib from 'envlib'\nexport default { child: (): string => envlib.mode() }\n",
    })
    const run = await runCli(root, [], { env: cleanEnv({ APP_MODE: 'cluster' }) })
    for (const id of ['scenarios/plain.scenario.js#default', 'scenarios/typed.scenario.ts#default']) {
      expect(findScenario(run.report, id).causes).toMatchObject([
        { kind: 'env', name: 'APP_MODE', readAt: 'node_modules/envlib/index.js:2' },
      ])
    }
  })
})

describe('the cluster role read by a module that imports node:cluster', () => {
  it('is read where the module reads it, not at the import() that first loaded node:cluster', async () => {
    // Node builds node:cluster's ES module facade by reading every property, inside the importer's
    // import() where module loading is in-thread (Node 22 and later).
    const root = makeProject({
      'lib/role.js': [
        "import cluster from 'node:cluster'",
        '',
        'export function role() {',
        "  return cluster.isWorker ? 'worker' : 'standalone'",
        '}',
        '',
      ].join('\n'),
      'scenarios/role.scenario.js': [
        'export default {',
        "  child: async () => (await import('../lib/role.js')).role(),",
        '}',
        '',
      ].join('\n'),
    })
    const run = await runCli(root, [])
    const result = findScenario(run.report, 'scenarios/role.scenario.js#default')
    expect(result.verdict).toBe('differs')
    expect(result.causes).toEqual([
      { kind: 'cluster', name: 'role', confirmed: true, readAt: 'lib/role.js:4' },
    ])
  })
})
