import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { makeReproducer, type ReproducerInput } from '../../src/attribution/reproduce.js'
import { linkForkcheck, makeProject, repoRoot } from '../helpers/cli.js'

const base: ReproducerInput = {
  causes: [{ kind: 'env', name: 'APP_TIER' }],
  root: '/app',
  file: 'scenarios/tier.scenario.mjs',
  exportName: 'default',
  forkEnv: { APP_TIER: 'gold' },
  harnessEnv: {},
  spawnEnv: {},
  childExecArgv: [],
  parentCwd: '/app',
  showEnvValues: false,
}

describe('makeReproducer', () => {
  it('passes a saved parent() result inside the project by its path from there', () => {
    const { command, missing } = makeReproducer({
      ...base,
      inputFile: '/app/node_modules/.cache/forkcheck/inputs/ab.input',
    })
    expect(command).toContain(' --input node_modules/.cache/forkcheck/inputs/ab.input ')
    expect(command).toContain("APP_TIER='<redacted>'")
    expect(missing).toEqual([])
  })

  it('passes one outside the project (a temp folder) as is', () => {
    const { command } = makeReproducer({ ...base, inputFile: '/tmp/forkcheck-inputs/ab.input' })
    expect(command).toContain(' --input /tmp/forkcheck-inputs/ab.input ')
  })

  it('names a result it could not save as missing, and has no --input without a result', () => {
    expect(makeReproducer({ ...base, inputFile: false }).missing).toEqual([
      "parent()'s result (it could not be saved)",
    ])
    expect(makeReproducer(base).command).not.toContain('--input')
  })

  it("starts from the spawn-like child's whole env, referencing what the shell has", () => {
    const input = {
      ...base,
      causes: [{ kind: 'env' as const, name: 'HOME' }],
      harnessEnv: { PATH: '/bin', HOME: '/root', LANG: 'C' },
      spawnEnv: { PATH: '/bin', HOME: '/root', LANG: 'C', LOG_LEVEL: 'debug' },
      forkEnv: { PATH: '/bin', HOME: '/home/app', LANG: 'C' },
    }
    expect(makeReproducer(input).command).toMatch(
      /^env -i PATH="\$PATH" LANG="\$LANG" LOG_LEVEL='<redacted>' HOME='<redacted>' node /,
    )
    expect(makeReproducer({ ...input, showEnvValues: true }).command).toMatch(
      /^env -i PATH="\$PATH" LANG="\$LANG" LOG_LEVEL=debug HOME=\/home\/app node /,
    )
  })

  it("reaches forkcheck through the project's node_modules/forkcheck when that links to it", () => {
    const dir = makeProject({})
    linkForkcheck(dir)
    const { command } = makeReproducer({ ...base, root: dir, parentCwd: dir })
    expect(command).toMatch(/ node node_modules\/forkcheck\/\S*bootstrap\/run-child\.js /)
  })

  it('finds the link in a folder above a workspace package, as Node resolves it', () => {
    const dir = makeProject({ 'packages/api/package.json': '{}\n' })
    linkForkcheck(dir)
    const root = join(dir, 'packages', 'api')
    const { command } = makeReproducer({ ...base, root, parentCwd: root })
    expect(command).toMatch(/ node \.\.\/\.\.\/node_modules\/forkcheck\/\S*bootstrap\/run-child\.js /)
  })

  it('names its own path when the nearest node_modules/forkcheck is another copy', () => {
    const dir = makeProject({ 'packages/api/node_modules/forkcheck/package.json': '{}\n' })
    linkForkcheck(dir)
    const root = join(dir, 'packages', 'api')
    const { command } = makeReproducer({ ...base, root, parentCwd: root })
    expect(command).not.toContain('node_modules/forkcheck/')
    // By its absolute path, not one climbing out of the project (`../../../work/forkcheck/…`).
    expect(command).toContain(` node ${join(repoRoot, 'src', 'bootstrap', 'run-child.js')} `)
  })
})
