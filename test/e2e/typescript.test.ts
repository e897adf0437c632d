import { describe, expect, it } from 'vitest'
import { findScenario, fixturePath, runCli } from '../helpers/cli.js'

// TypeScript scenarios load in both kinds of child without any loader flag, with `./x.js` → `x.ts`,
// import.meta.url, createRequire, CommonJS TypeScript, enums (which Node 24's stripping rejects),
// and errors whose frames name the .ts source lines.
describe('TypeScript scenarios', async () => {
  const { report, exitCode, stderr } = await runCli(fixturePath('typescript'))

  it('runs every scenario the same in both modes', () => {
    expect(stderr).toBe('')
    expect(exitCode).toBe(0)
    expect(report?.scenarios.map((scenario) => [scenario.id, scenario.verdict])).toEqual([
      ['scenarios/commonjs.scenario.cts#default', 'same'],
      ['scenarios/named.scenario.mts#first', 'same'],
      ['scenarios/named.scenario.mts#second', 'same'],
      ['scenarios/ts-error.scenario.ts#default', 'same'],
      ['scenarios/ts-modules.scenario.ts#default', 'same'],
    ])
  })

  it('resolves TypeScript imports and keeps location semantics', () => {
    const value = findScenario(report, 'scenarios/ts-modules.scenario.ts#default').outcomes.spawn[0]?.[0]
      ?.value
    expect(value).toEqual({
      favourite: 'green',
      greeting: { text: 'hello ts' },
      paths: { here: fixturePath('typescript/src/paths.ts'), data: { answer: 42 }, legacy: 'legacy src' },
    })
  })

  it('loads CommonJS TypeScript with __dirname and require', () => {
    const scenario = findScenario(report, 'scenarios/commonjs.scenario.cts#default')
    expect(scenario.name).toBe('a CommonJS TypeScript scenario')
    expect(scenario.outcomes.fork[0]?.[0]?.value).toEqual({ dir: 'scenarios', file: 'commonjs.scenario.cts' })
  })

  it('maps a thrown error to the TypeScript source line', () => {
    const error = findScenario(report, 'scenarios/ts-error.scenario.ts#default').outcomes.fork[0]?.[0]?.error
    expect(error).toMatchObject({ name: 'RangeError', message: 'strict is true', at: 'src/throws.ts:7' })
    expect(error?.stack).toContain('scenarios/ts-error.scenario.ts:6')
  })

  it('names named exports after the file and the export', () => {
    expect(findScenario(report, 'scenarios/named.scenario.mts#first').name).toBe('named › first')
    expect(findScenario(report, 'scenarios/named.scenario.mts#second').name).toBe('the second one')
  })
})

describe('a CommonJS TypeScript project (no `type`, tsconfig module NodeNext through `extends`)', () => {
  it('compiles import syntax to CommonJS as tsc does, but keeps what only an ES module runs one', async () => {
    const { report, exitCode, stderr } = await runCli(fixturePath('typescript-commonjs'))
    expect(exitCode, stderr).toBe(1)
    const config = findScenario(report, 'scenarios/config.scenario.ts#default')
    expect(config.verdict).toBe('differs')
    expect(config.outcomes.fork[0]?.[0]?.value).toEqual({ mode: 'prod', retries: 3, data: 'src/data' })
    expect(config.outcomes.spawn[0]?.[0]?.value).toEqual({ mode: 'dev', retries: 3, data: 'src/data' })
    expect(config.causes).toMatchObject([{ kind: 'env', name: 'NODE_ENV', readAt: 'src/config.ts:10' }])
    const moduleOnly = findScenario(report, 'scenarios/module-only.scenario.ts#default')
    expect(moduleOnly.verdict).toBe('same')
    // forkcheck.config.ts, compiled to CommonJS as well, applies: `repeat: 3`.
    expect([config.outcomes.spawn.length, moduleOnly.outcomes.spawn.length]).toEqual([3, 3])
    expect(moduleOnly.outcomes.spawn[0]?.[0]?.value).toEqual({
      here: 'module-only.scenario.ts',
      commonjs: false,
    })
  })
})

describe('TypeScript options from the project', () => {
  it("honours the nearest tsconfig.json's emit options (legacy decorators)", async () => {
    const { report, exitCode } = await runCli(fixturePath('typescript-decorators'))
    expect(exitCode).toBe(0)
    const scenario = findScenario(report, 'scenarios/decorators.scenario.ts#default')
    expect(scenario.verdict).toBe('same')
    expect(scenario.outcomes.spawn[0]?.[0]?.value).toEqual({ registered: ['UserService'], found: 'user' })
  })

  it("resolves the project's tsconfig paths in both modes (`@app/region` → src/region.ts)", async () => {
    const { report, exitCode, stderr } = await runCli(fixturePath('typescript-paths'))
    expect(exitCode, stderr).toBe(0)
    const scenario = findScenario(report, 'scenarios/alias.scenario.ts#default')
    expect(scenario.verdict).toBe('differs')
    expect(scenario.causes).toEqual([
      {
        kind: 'env',
        name: 'APP_REGION',
        confirmed: true,
        setAt: 'scenarios/alias.scenario.ts:7',
        readAt: 'src/region.ts:2',
      },
    ])
  })
})
