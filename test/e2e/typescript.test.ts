import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { findScenario, fixturePath, linkForkcheck, makeProject, runCli } from '../helpers/cli.js'

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
    // require('./config.js') and tsconfig `paths` in compiled CommonJS: on Node 20 through the CJS
    // loader, on Node >= 22.15 through the in-thread hooks.
    const specifiers = findScenario(report, 'scenarios/specifiers.scenario.ts#default')
    expect(specifiers.verdict).toBe('differs')
    expect(specifiers.outcomes.fork[0]?.[0]?.value).toEqual({
      mode: 'prod',
      later: 'prod',
      retries: 3,
      oneModule: true,
    })
    expect(specifiers.outcomes.spawn[0]?.[0]?.value).toEqual({
      mode: 'dev',
      later: 'dev',
      retries: 3,
      oneModule: true,
    })
    expect(specifiers.causes).toMatchObject([{ kind: 'env', name: 'NODE_ENV', readAt: 'src/config.ts:10' }])
    // import of CommonJS TypeScript by name, and require() of an ES module in TypeScript.
    const esm = findScenario(report, 'scenarios/esm.scenario.mts#default')
    expect([esm.verdict, esm.outcomes.spawn[0]?.[0]?.value]).toEqual([
      'same',
      { mode: 'dev', prod: 'prod', retries: 3, count: 3, sameModule: true },
    ])
    const requireEsm = findScenario(report, 'scenarios/require-esm.scenario.cts#default')
    expect([requireEsm.verdict, requireEsm.outcomes.spawn[0]?.[0]?.value]).toEqual(['same', 42])
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

  it("resolves the project's tsconfig paths in both modes (`@app/region` and the exact `@region` → src/region.ts)", async () => {
    const { report, exitCode, stderr } = await runCli(fixturePath('typescript-paths'))
    expect(exitCode, stderr).toBe(0)
    const scenario = findScenario(report, 'scenarios/alias.scenario.ts#default')
    expect(scenario.verdict).toBe('differs')
    expect(scenario.causes).toEqual([
      {
        kind: 'env',
        name: 'APP_REGION',
        confirmed: true,
        setAt: 'scenarios/alias.scenario.ts:8',
        readAt: 'src/region.ts:2',
      },
    ])
  })
})

describe('the transpile cache', () => {
  it('is not reused when a tsconfig the nearest one `extends` changes', async () => {
    const dir = makeProject({
      'tsconfig.base.json': '{ "compilerOptions": { "experimentalDecorators": true } }\n',
      'tsconfig.json': '{ "extends": "./tsconfig.base.json" }\n',
      // A legacy decorator of a method gets (target, key, descriptor), a standard one (value, context).
      'scenarios/decorated.scenario.ts': `import { defineScenario } from 'forkcheck'
const seen: number[] = []
function tag(...args: unknown[]): void {
  seen.push(args.length)
}
class Service {
  @tag
  run(): void {}
}
export default defineScenario({ child: () => [seen.length > 0 ? seen[0] : 0, typeof Service] })
`,
    })
    linkForkcheck(dir)
    const decoratorArgs = async () =>
      findScenario((await runCli(dir)).report, 'scenarios/decorated.scenario.ts#default').outcomes
        .spawn[0]?.[0]?.value
    expect(await decoratorArgs()).toEqual([3, 'function'])
    writeFileSync(
      join(dir, 'tsconfig.base.json'),
      '{ "compilerOptions": { "experimentalDecorators": false } }\n',
    )
    expect(await decoratorArgs()).toEqual([2, 'function'])
  })
})

// The hooks are on for a run when a JavaScript scenario imports TypeScript, not only when a
// TypeScript scenario is in it: the verdict must not depend on which other files run.
describe('a JavaScript scenario that imports TypeScript', () => {
  it('loads it when run alone, and finds what it inherited', async () => {
    const dir = makeProject({
      'src/region.ts': "export const region = (): string => process.env.REGION ?? 'none'\n",
      'scenarios/region.scenario.mjs':
        "import { defineScenario } from 'forkcheck'\nexport default defineScenario({\n  parent() {\n    process.env.REGION = 'eu'\n  },\n  async child() {\n    const { region } = await import('../src/region.js')\n    return region()\n  },\n})\n",
    })
    linkForkcheck(dir)
    const { report } = await runCli(dir, ['scenarios/region.scenario.mjs'])
    const scenario = findScenario(report, 'scenarios/region.scenario.mjs#default')
    expect(scenario.verdict).toBe('differs')
    expect(scenario.causes).toMatchObject([
      { kind: 'env', name: 'REGION', setAt: 'scenarios/region.scenario.mjs:4', readAt: 'src/region.ts:1' },
    ])
  })
})

// tsc under `moduleResolution: bundler`, vite and bundlers take a JSON import with no attribute.
describe('a JSON import without `with { type: "json" }`', () => {
  it('loads from TypeScript, as tsc and bundlers have it, and stays refused from JavaScript', async () => {
    const dir = makeProject({
      'src/flags.json': '{ "beta": true }\n',
      'src/flags.ts': "import flags from './flags.json'\nexport const beta: boolean = flags.beta\n",
      'scenarios/flags.scenario.ts':
        "import { defineScenario } from 'forkcheck'\nimport { beta } from '../src/flags.js'\nexport default defineScenario({ child: () => beta })\n",
      'scenarios/plain.scenario.mjs':
        "import { defineScenario } from 'forkcheck'\nimport flags from '../src/flags.json'\nexport default defineScenario({ child: () => flags.beta })\n",
    })
    linkForkcheck(dir)
    const { report } = await runCli(dir)
    const flags = findScenario(report, 'scenarios/flags.scenario.ts#default')
    expect(flags.verdict).toBe('same')
    expect(flags.outcomes.spawn[0]?.[0]?.value).toBe(true)
    const plain = findScenario(report, 'scenarios/plain.scenario.mjs#default')
    expect(plain.verdict).toBe('error')
    expect(plain.error?.message).toMatch(/import attribute/)
  })
})
describe('TypeScript that is no valid module', () => {
  it('fails the scenarios that import it with a SyntaxError at its line, and runs the others', async () => {
    const scenario = (imports: string, child: string) =>
      `import { defineScenario } from 'forkcheck'\n${imports}export default defineScenario({ child: () => ${child} })\n`
    const dir = makeProject({
      // TypeScript recovers from the missing `)` and would emit `ok` alone, without a word.
      'src/broken.ts':
        'export function ok(): number {\n  return 1\n}\nexport function bad(x: number {\n  return x\n}\n',
      'scenarios/broken.scenario.ts': scenario("import { ok } from '../src/broken.js'\n", 'ok()'),
      'scenarios/fine.scenario.ts': scenario('', '1'),
      'legacy/package.json': '{ "type": "commonjs" }\n',
      'legacy/meta.scenario.ts': scenario('// not import.meta: a comment\n', 'import.meta.url'),
    })
    linkForkcheck(dir)
    const { report, exitCode } = await runCli(dir, ['scenarios', 'legacy'])
    expect(exitCode).toBe(1)
    expect(findScenario(report, 'scenarios/broken.scenario.ts#default').error).toEqual({
      phase: 'load',
      message: "Could not import the scenario file: SyntaxError: ',' expected. (at src/broken.ts:4)",
    })
    expect(findScenario(report, 'legacy/meta.scenario.ts#default').error?.message).toBe(
      'Could not import the scenario file: SyntaxError: import.meta only exists in an ES module, and this file is CommonJS (its package.json says "type": "commonjs"): rename it to .mts, or use __dirname and __filename (at legacy/meta.scenario.ts:3)',
    )
    expect(findScenario(report, 'scenarios/fine.scenario.ts#default').verdict).toBe('same')
  })
})
