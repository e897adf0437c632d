import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Report } from '../../src/types.js'
import { validateJsonSchema } from '../cli/json-schema.js'
import { findScenario, fixturePath, makeProject, repoRoot, runCli } from '../helpers/cli.js'

/** The report validates against the published schema. */
function expectReportSchema(report: unknown): void {
  const schema = JSON.parse(readFileSync(join(repoRoot, 'schema', 'report.schema.json'), 'utf8'))
  expect(validateJsonSchema(report, schema)).toEqual([])
}

const root = fixturePath('ci-controls')
const ALPHA = 'scenarios/alpha.scenario.js#default'
const BETA = 'scenarios/beta.scenario.js#default'
const GAMMA = 'scenarios/gamma.scenario.js#default'
const DELTA = 'scenarios/delta.scenario.js#default'

function ran(report: Report | undefined): string[] {
  return (report?.scenarios ?? []).filter((result) => !result.skipped).map((result) => result.id)
}

function skipped(report: Report | undefined): string[] {
  return (report?.scenarios ?? []).filter((result) => result.skipped).map((result) => result.id)
}

describe('everyday controls', () => {
  it('--list names what would run and what is skipped, and runs nothing', async () => {
    const run = await runCli(root, ['--list', '-t', 'alpha|delta'], { json: false })
    expect(run.exitCode).toBe(0)
    expect(run.stdout.split('\n')).toEqual([
      `${ALPHA}  alpha pure`,
      `${DELTA}  delta reads the parent env`,
      `${BETA}  beta skipped  (skipped)`,
      `${GAMMA}  gamma reads the parent env  (skipped)`,
    ])
  })

  // The switch before a file took the file as its value, and every scenario was listed.
  it.each([['--show-env-values'], ['--update-baseline']])(
    '%s leaves the file after it a file',
    async (flag) => {
      const run = await runCli(root, [flag, 'scenarios/alpha.scenario.js', '--list'], { json: false })
      expect(run.stderr).toBe('')
      expect(run.stdout).toBe(`${ALPHA}  alpha pure`)
    },
  )

  it('a switch with a value other than true or false is a usage error', async () => {
    const run = await runCli(root, ['--show-env-values=scenarios/alpha.scenario.js', '--list'], {
      json: false,
    })
    expect(run.exitCode).toBe(2)
    expect(run.stderr).toBe(
      'forkcheck: Expected `--show-env-values` alone, or as `--show-env-values=true` or ' +
        '`--show-env-values=false`, got `scenarios/alpha.scenario.js`.',
    )
  })

  it('-t runs the matching scenarios, and a custom reporter given by path hears the run', async () => {
    const run = await runCli(root, ['-t', '^alpha', '--reporter', './reporters/lines.mjs'])
    expect(run.exitCode).toBe(0)
    expect(ran(run.report)).toEqual([ALPHA])
    expect(skipped(run.report).sort()).toEqual([BETA, DELTA, GAMMA])
    const lines = run.stdout.split('\n').filter((line) => line.startsWith('lines: '))
    expect(lines).toEqual(['lines: start 1', `lines: end ${ALPHA} same`, 'lines: done failed=0'])
  })

  // A skipped scenario was listed as `verdict: same, pass: true`, and total counted only the one that ran.
  it('-t lists the rest as skipped, with no verdict of their own, in counts that add up', async () => {
    const run = await runCli(root, ['-t', '^alpha'])
    expect(run.exitCode).toBe(0)
    const verdicts = run.report?.scenarios.map(({ id, verdict, pass, skipped }) => ({
      id,
      verdict,
      pass,
      skipped,
    }))
    expect(verdicts).toEqual([
      { id: ALPHA, verdict: 'same', pass: true, skipped: undefined },
      ...[BETA, DELTA, GAMMA].map((id) => ({ id, verdict: 'skipped', pass: true, skipped: true })),
    ])
    expect(run.report?.summary).toEqual({
      total: 4,
      same: 1,
      differs: 0,
      flaky: 0,
      error: 0,
      skipped: 3,
      failed: 0,
    })
    expectReportSchema(run.report)
  })

  it('--mode runs one side only', async () => {
    const run = await runCli(root, ['-t', '^alpha', '--mode', 'fork'])
    const result = findScenario(run.report, ALPHA)
    expect(result.outcomes.fork.length).toBeGreaterThan(0)
    expect(result.outcomes.spawn).toEqual([])
    // Compared with itself, a deterministic side is `same` and the run passes.
    expect(result.verdict).toBe('same')
    expect(run.exitCode).toBe(0)
  })

  it('--bail stops starting scenarios after the first failure', async () => {
    const run = await runCli(root, ['--bail', '1', '--concurrency', '1', '--max-bisect-runs', '0'])
    expect(run.exitCode).toBe(1)
    // Id order: alpha passes, delta fails, gamma never starts; beta is skipped by its own `skip`.
    expect(ran(run.report)).toEqual([ALPHA, DELTA])
    expect(skipped(run.report)).toEqual([BETA])
    expect(run.report?.summary).toEqual({
      total: 3,
      same: 1,
      differs: 1,
      flaky: 0,
      error: 0,
      skipped: 1,
      failed: 1,
    })
    expectReportSchema(run.report)
  })

  it('`only` in the files given skips the rest of them', async () => {
    const run = await runCli(root, ['focus'])
    expect(run.exitCode).toBe(0)
    expect(ran(run.report)).toEqual(['focus/focus.scenario.js#focused'])
    expect(skipped(run.report)).toEqual(['focus/focus.scenario.js#other'])
  })

  it('an unknown reporter is a usage error, not a crash', async () => {
    const run = await runCli(root, ['--reporter', 'dot', 'focus'], { json: false })
    expect(run.exitCode).toBe(2)
    expect(run.stderr).toBe(
      'forkcheck: Unknown reporter `dot`: use default, json, junit, github, or a path to a module',
    )
  })

  it('--merge-reports takes no scenario files', async () => {
    const run = await runCli(root, ['--merge-reports', 'reports', 'focus'], { json: false })
    expect(run.exitCode).toBe(2)
    expect(run.stderr).toBe(
      'forkcheck: --merge-reports combines finished reports: it takes no scenario files.',
    )
  })
})

describe('a project whose scenarios are not where `include` looks', () => {
  it('points at the scenario files elsewhere in a monorepo', async () => {
    const dir = makeProject({
      'packages/api/scenarios/handler.scenario.js': 'export default { child: () => 1 }\n',
      'packages/web/scenarios/page.scenario.ts': 'export default { child: () => 2 }\n',
      'node_modules/lib/scenarios/ignored.scenario.js': 'export default { child: () => 3 }\n',
    })
    const run = await runCli(dir, [], { json: false })
    expect(run.exitCode).toBe(2)
    expect(run.stderr).toBe(
      'forkcheck: No scenario files found in . (looked for scenarios/**/*.scenario.{ts,mts,cts,js,mjs,cjs}). ' +
        '2 scenario files are elsewhere, e.g. packages/api/scenarios/handler.scenario.js: ' +
        'pass a folder or glob (`npx forkcheck packages`), or set `include` in forkcheck.config.ts.',
    )
  })

  it('says only what it looked for when there are none at all', async () => {
    const run = await runCli(makeProject({ 'src/index.js': 'export {}\n' }), [], { json: false })
    expect(run.exitCode).toBe(2)
    expect(run.stderr).toBe(
      'forkcheck: No scenario files found in . (looked for scenarios/**/*.scenario.{ts,mts,cts,js,mjs,cjs}).',
    )
  })
})
