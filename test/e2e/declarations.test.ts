import { join } from 'node:path'
import { execa } from 'execa'
import { describe, expect, it } from 'vitest'
import { cleanEnv, linkForkcheck, makeProject, repoRoot } from '../helpers/cli.js'

// What a TypeScript user's `tsc` makes of forkcheck's declarations, in a classic CommonJS package
// (no `type`) with forkcheck installed in its node_modules.
const IMPORTS = [
  "import { defineScenario, type Report } from 'forkcheck'",
  "import forkcheckEnvironment from 'forkcheck/environment'",
  "import { scenario } from 'forkcheck/vitest'",
  '',
  "export default defineScenario({ name: 'typed', child: () => 1 })",
  '// @ts-expect-error: `child` is required, so the declarations are forkcheck’s and not `any`',
  "defineScenario({ name: 'no child' })",
  'export const total = (report: Report): number => report.summary.total',
  'export const api = [scenario, forkcheckEnvironment] as const',
].join('\n')

function makeTsconfig(module: string, moduleResolution: string, files: string[]): string {
  const compilerOptions = {
    module,
    moduleResolution,
    target: 'ES2022',
    strict: true,
    esModuleInterop: true,
    skipLibCheck: true,
    noEmit: true,
    typeRoots: [join(repoRoot, 'node_modules', '@types')],
    types: ['node'],
  }
  return `${JSON.stringify({ compilerOptions, files }, null, 2)}\n`
}

const project = () => {
  const dir = makeProject({
    'package.json': '{ "name": "classic", "private": true }\n',
    'scenarios/check.scenario.ts': IMPORTS,
    'scenarios/check.scenario.mts': IMPORTS,
    'tsconfig.node10.json': makeTsconfig('commonjs', 'node10', ['scenarios/check.scenario.ts']),
    'tsconfig.node16.json': makeTsconfig('node16', 'node16', [
      'scenarios/check.scenario.ts',
      'scenarios/check.scenario.mts',
    ]),
    'tsconfig.nodenext.json': makeTsconfig('nodenext', 'nodenext', ['scenarios/check.scenario.ts']),
  })
  linkForkcheck(dir)
  return dir
}

async function typecheck(dir: string, tsconfig: string) {
  const tsc = join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc')
  const run = await execa(process.execPath, [tsc, '-p', tsconfig, '--pretty', 'false'], {
    cwd: dir,
    env: cleanEnv(),
    extendEnv: false,
    reject: false,
  })
  return {
    exitCode: run.exitCode,
    errors: run.stdout.split('\n').filter((line) => line.includes('error TS')),
  }
}

describe('forkcheck’s declarations in a CommonJS TypeScript project', () => {
  // With only `exports`, node10 resolution found no declarations: TS2307 on every import.
  it('resolve under moduleResolution node10, subpaths included (types, typesVersions)', async () => {
    const { exitCode, errors } = await typecheck(project(), 'tsconfig.node10.json')
    expect(errors).toEqual([])
    expect(exitCode).toBe(0)
  })

  // docs/scenarios.md: forkcheck is an ES module, which `module: node16` does not let CommonJS require.
  it('are ES modules: node16 refuses a static import in a CommonJS file (TS1479), not in .mts', async () => {
    const { errors } = await typecheck(project(), 'tsconfig.node16.json')
    const described = errors.map((line) =>
      line.match(/^(\S+)\(\d+,\d+\): error (TS\d+): .*'import\("(.+)"\)'/),
    )
    expect(described.map((match) => match?.slice(1))).toEqual([
      ['scenarios/check.scenario.ts', 'TS1479', 'forkcheck'],
      ['scenarios/check.scenario.ts', 'TS1479', 'forkcheck/environment'],
      ['scenarios/check.scenario.ts', 'TS1479', 'forkcheck/vitest'],
    ])
  })

  // TypeScript 5.8 and later let nodenext require an ES module, as Node 20.19 and 22.12 do.
  it('import statically from CommonJS under module nodenext', async () => {
    const { exitCode, errors } = await typecheck(project(), 'tsconfig.nodenext.json')
    expect(errors).toEqual([])
    expect(exitCode).toBe(0)
  })
})
