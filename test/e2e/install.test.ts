import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { execa } from 'execa'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Report } from '../../src/types.js'
import { cleanEnv, repoRoot } from '../helpers/cli.js'

// What a user gets from `npm install -D forkcheck`: the packed tarball installed into a new
// project, then the bundled CLI on a scenario and vitest with `environment: 'forkcheck'`, which
// needs `vitest-environment-forkcheck` at the top. --prefer-offline, not --offline: the suite's
// own install cached the tarballs, but a fresh machine's cache may lack the registry metadata npm
// needs to resolve the tarball's version ranges (ENOTCACHED).
const FILES: Record<string, string> = {
  'package.json': '{ "name": "installed", "version": "1.0.0", "type": "module", "private": true }\n',
  'scenarios/mode.scenario.js': [
    "import { defineScenario } from 'forkcheck'",
    'export default defineScenario({',
    "  expect: 'differs',",
    "  parent() { process.env.INSTALL_CHECK_MODE = 'on' },",
    "  child: () => process.env.INSTALL_CHECK_MODE ?? 'off',",
    '})',
  ].join('\n'),
  'vitest.config.js': "export default { test: { environment: 'forkcheck', include: ['test/*.test.js'] } }\n",
  'test/leak.test.js': [
    "import { test } from 'vitest'",
    "test('leaves a variable set', () => { process.env.INSTALL_CHECK_TOKEN = 'x' })",
  ].join('\n'),
}

/** Packs forkcheck into `dir` and writes the project files into `dir/project`; the tarball's path. */
async function packInto(dir: string): Promise<string> {
  // --ignore-scripts: `prepare` would rebuild dist/ under the tests running beside this one.
  const packed = await execa('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], {
    cwd: repoRoot,
  })
  const [{ filename }] = JSON.parse(packed.stdout) as [{ filename: string }]
  for (const [file, text] of Object.entries(FILES)) {
    mkdirSync(join(dir, 'project', file, '..'), { recursive: true })
    writeFileSync(join(dir, 'project', file), text)
  }
  return join(dir, filename)
}

/** The installed CLI's JSON report on the scenarios of `dir/project` (exit code 0 expected). */
async function runInstalledCli(dir: string): Promise<Report> {
  const reportFile = join(dir, 'report.json')
  const run = await execa(
    process.execPath,
    ['node_modules/forkcheck/dist/cli/bin.js', '--reporter', 'json', `--outputFile.json=${reportFile}`],
    { cwd: join(dir, 'project'), env: cleanEnv(), extendEnv: false, reject: false },
  )
  expect(run.exitCode, run.stderr).toBe(0)
  const report = JSON.parse(readFileSync(reportFile, 'utf8')) as Report
  expect(report.scenarios.map(({ id, verdict }) => ({ id, verdict }))).toEqual([
    { id: 'scenarios/mode.scenario.js#default', verdict: 'differs' },
  ])
  expect(report.scenarios[0]?.causes).toMatchObject([
    { kind: 'env', name: 'INSTALL_CHECK_MODE', confirmed: true, setAt: 'scenarios/mode.scenario.js:4' },
  ])
  return report
}

describe('forkcheck installed from its tarball', () => {
  let dir: string
  let project: string

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'forkcheck-install-'))
    project = join(dir, 'project')
    const tarball = await packInto(dir)
    await execa(
      'npm',
      ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', tarball],
      { cwd: project, env: cleanEnv(), extendEnv: false },
    )
    // vitest is the user's own dependency: lend them ours.
    symlinkSync(join(repoRoot, 'node_modules', 'vitest'), join(project, 'node_modules', 'vitest'))
  }, 120_000)

  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('runs the project scenarios with the installed CLI', async () => {
    await runInstalledCli(dir)
  })

  it("gives vitest the environment by its name, 'forkcheck'", async () => {
    const run = await execa(process.execPath, ['node_modules/vitest/vitest.mjs', 'run'], {
      cwd: project,
      env: cleanEnv({ FORCE_COLOR: '0' }),
      extendEnv: false,
      reject: false,
    })
    const output = `${run.stdout}\n${run.stderr}`
    expect(run.exitCode, output).toBe(1)
    expect(output).toContain('forkcheck: test/leak.test.js leaked 1 item')
    expect(output).toMatch(/env +INSTALL_CHECK_TOKEN set at test\/leak\.test\.js:2/)
  })
})

// pnpm links only a project's own dependencies at its top and cannot link a folder inside a
// dependency (forkcheck's vitest-environment-forkcheck is one): as a required dependency it failed
// the whole install (ERR_PNPM_LINKED_PKG_DIR_NOT_FOUND). It is optional, so pnpm leaves it out
// and vitest takes the environment by its path (docs/vitest.md).
describe('forkcheck installed from its tarball with pnpm', () => {
  let dir: string
  let project: string

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'forkcheck-pnpm-'))
    project = join(dir, 'project')
    const tarball = await packInto(dir)
    // The store under node_modules/.cache: reused across local runs, new in each CI clone.
    const store = join(repoRoot, 'node_modules', '.cache', 'forkcheck-test-pnpm-store')
    const pnpm = join(repoRoot, 'node_modules', 'pnpm', 'bin', 'pnpm.cjs')
    await execa(process.execPath, [pnpm, 'add', '--ignore-scripts', '--store-dir', store, tarball], {
      cwd: project,
      env: cleanEnv(),
      extendEnv: false,
    })
  }, 180_000)

  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('runs the project scenarios, and the reproducer reaches forkcheck by its link', async () => {
    const report = await runInstalledCli(dir)
    expect(report.scenarios[0]?.reproduce).toContain(
      ' node node_modules/forkcheck/dist/bootstrap/run-child.js ',
    )
  })
})
