import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Baseline } from '../../src/baseline/types.js'
import { cleanEnv, findScenario, fixturePath, runCli } from '../helpers/cli.js'

const root = fixturePath('ci-baseline')
const LEAKS = 'scenarios/leaks.scenario.js#default'
const CLEAN = 'scenarios/clean.scenario.js#default'

let dir: string
let baselineFile: string

function readBaselineFile(): Baseline {
  return JSON.parse(readFileSync(baselineFile, 'utf8')) as Baseline
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'forkcheck-baseline-'))
  baselineFile = join(dir, 'forkcheck.baseline.json')
})

afterAll(() => {
  rmSync(dir, { recursive: true, force: true })
})

// The steps build on each other, in order: update, pass, a new difference, expiry.
describe('the baseline flow', () => {
  it('wants an explicit --baseline file to exist unless it is being written', async () => {
    const run = await runCli(root, ['--baseline', baselineFile], { json: false })
    expect(run.exitCode).toBe(2)
    expect(run.stderr).toBe(
      `forkcheck: The baseline file \`${baselineFile}\` does not exist: write it with --update-baseline.`,
    )
  })

  it('--update-baseline writes the failing differences and passes', async () => {
    const run = await runCli(root, ['--baseline', baselineFile, '--update-baseline'])
    expect(run.exitCode).toBe(0)
    expect(readBaselineFile()).toEqual({
      version: 1,
      scenarios: {
        [LEAKS]: {
          name: 'settings read from the parent env',
          causes: [{ kind: 'env', name: 'BASELINE_FIXTURE_MODE' }],
        },
      },
    })
    expect(findScenario(run.report, LEAKS)).toMatchObject({ verdict: 'differs', pass: true, baselined: true })
    expect(run.stderr).toBe(
      [
        `forkcheck: baseline: wrote 1 entry to ${baselineFile}`,
        'forkcheck: baseline: 1 known difference excused',
      ].join('\n'),
    )
  })

  it('a later run passes on the known difference', async () => {
    const run = await runCli(root, ['--baseline', baselineFile])
    expect(run.exitCode).toBe(0)
    expect(run.report?.summary).toMatchObject({ differs: 1, failed: 0 })
    expect(run.stderr).toBe('forkcheck: baseline: 1 known difference excused')
  })

  it('a new cause fails the run', async () => {
    const run = await runCli(root, ['--baseline', baselineFile], {
      env: cleanEnv({ FIXTURE_EXTRA_LEAK: '1' }),
    })
    expect(run.exitCode).toBe(1)
    expect(findScenario(run.report, LEAKS)).toMatchObject({ pass: false })
    expect(run.stderr).toBe(`forkcheck: baseline: ${LEAKS} differs in new ways: env BASELINE_FIXTURE_EXTRA`)
  })

  it('an expired entry no longer excuses, and a stale entry is pointed out', async () => {
    const baseline = readBaselineFile()
    baseline.scenarios[LEAKS]!.expires = '2000-01-01'
    baseline.scenarios[CLEAN] = { causes: [{ kind: 'ipc' }] }
    writeFileSync(baselineFile, JSON.stringify(baseline))
    const run = await runCli(root, ['--baseline', baselineFile])
    expect(run.exitCode).toBe(1)
    expect(run.stderr.split('\n').sort()).toEqual(
      [
        `forkcheck: baseline: ${LEAKS}: the entry expired on 2000-01-01, so the difference fails again`,
        `forkcheck: baseline: ${CLEAN} no longer differs: drop its entry (--update-baseline)`,
      ].sort(),
    )
  })

  it('a broken baseline file is a usage error naming it', async () => {
    writeFileSync(
      baselineFile,
      JSON.stringify({ version: 1, scenarios: { [LEAKS]: { causes: [], expires: 'soon' } } }),
    )
    const run = await runCli(root, ['--baseline', baselineFile], { json: false })
    expect(run.exitCode).toBe(2)
    expect(run.stderr).toBe(
      `forkcheck: Expected \`scenarios["${LEAKS}"].expires\` in ${baselineFile} to be an ISO date such as "2025-12-31", got \`"soon"\` (string).`,
    )
  })
})

describe('--update-baseline before a scenario file', () => {
  // The file was taken as the flag's value: nothing was updated, and every scenario ran.
  it('updates from that file alone', async () => {
    const file = join(dir, 'one-file.baseline.json')
    const run = await runCli(root, ['--baseline', file, '--update-baseline', 'scenarios/leaks.scenario.js'])
    expect(run.exitCode, run.stderr).toBe(0)
    expect(run.report?.scenarios.map((result) => result.id)).toEqual([LEAKS])
    expect(Object.keys(JSON.parse(readFileSync(file, 'utf8')).scenarios)).toEqual([LEAKS])
  })
})
