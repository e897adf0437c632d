import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { execa } from 'execa'
import { afterEach, describe, expect, it } from 'vitest'
import type { Report } from '../../src/types.js'
import { binPath, cleanEnv, fixturePath } from '../helpers/cli.js'
import { countLabel, findSurvivors, makePidDir, readPids, waitUntil } from '../helpers/pids.js'

// test/fixtures/faults/slow: one quick scenario, then slow ones (own and shared parents) whose
// workers each start a grandchild and write every pid down. The CLI is interrupted mid-run.
const fixture = fixturePath('faults')
const dirs: string[] = []

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

describe.each([
  ['SIGINT', 130],
  ['SIGTERM', 143],
] as const)('an interrupt (%s) mid-run', (signal, expectedCode) => {
  it(`stops every process the run started, writes the finished part and exits ${expectedCode}`, async () => {
    const pidDir = makePidDir()
    const reportDir = mkdtempSync(join(tmpdir(), 'forkcheck-interrupt-'))
    dirs.push(pidDir, reportDir)
    const reportFile = join(reportDir, 'report.json')
    const cli = execa(
      process.execPath,
      [binPath, 'slow', '--concurrency', '2', '--reporter', 'json', '--outputFile', reportFile],
      { cwd: fixture, env: cleanEnv({ FAULTS_PID_DIR: pidDir }), extendEnv: false, reject: false },
    )
    // Both lanes busy: an own parent with its helper, and a shared parent, each with 2 workers.
    await waitUntil(
      () => countLabel(pidDir, 'slow-child') >= 4 && countLabel(pidDir, 'slow-grandchild') >= 4,
      60_000,
      'four slow children and their grandchildren',
    )
    expect(countLabel(pidDir, 'slow-parent-helper-grandchild')).toBeGreaterThanOrEqual(1)
    cli.kill(signal)
    const result = await cli

    expect(result.exitCode).toBe(expectedCode)
    const report = JSON.parse(readFileSync(reportFile, 'utf8')) as Report
    expect(report.interrupted).toBe(true)
    expect(report.scenarios.map((scenario) => [scenario.id, scenario.verdict, scenario.pass])).toEqual([
      ['slow/a-quick.scenario.js#default', 'same', true],
    ])
    // Written atomically: no temp file is left beside the report.
    expect(readdirSync(reportDir)).toEqual(['report.json'])

    const recorded = readPids(pidDir)
    expect(recorded.length).toBeGreaterThanOrEqual(10)
    expect(await findSurvivors(pidDir)).toEqual([])
  })
})
