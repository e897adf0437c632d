import { beforeAll, describe, expect, it } from 'vitest'
import type { Cause, Report } from '../../src/types.js'
import { findScenario, repoRoot, runCli } from '../helpers/cli.js'

// The bundled scenarios are the proof of DESIGN.md's table: each inherited row differs, with its
// true cause confirmed by bisection, and each clean pattern stays the same with no cause.
const expectedCauses: Record<string, Array<Partial<Cause>>> = {
  'scenarios/reads-runtime-env.scenario.ts#default': [
    {
      kind: 'env',
      name: 'DATABASE_URL',
      setAt: 'scenarios/reads-runtime-env.scenario.ts:9',
      readAt: 'scenarios/fixtures/config.ts:9',
    },
  ],
  'scenarios/node-options-preload.scenario.ts#default': [
    { kind: 'env', name: 'NODE_OPTIONS' },
    { kind: 'global', name: '__appRegistry' },
  ],
  'scenarios/execargv-preload.scenario.ts#default': [
    { kind: 'execArgv', name: '--require ./scenarios/fixtures/preload-global.cjs' },
    { kind: 'global', name: '__appRegistry' },
  ],
  'scenarios/execargv-conditions.scenario.ts#default': [
    { kind: 'execArgv', name: '--conditions=development' },
  ],
  'scenarios/chdir.scenario.ts#default': [
    {
      kind: 'cwd',
      name: 'scenarios/fixtures',
      setAt: 'scenarios/chdir.scenario.ts:10',
      readAt: 'scenarios/chdir.scenario.ts:14',
    },
  ],
  'scenarios/ipc.scenario.ts#default': [{ kind: 'ipc' }],
  'scenarios/cluster-role.scenario.ts#default': [{ kind: 'cluster', name: 'role' }],
  'scenarios/shared-fixed-port.scenario.ts#default': [{ kind: 'cluster', name: 'listen' }],
  'scenarios/listen-zero.scenario.ts#default': [{ kind: 'cluster', name: 'listen' }],
}

describe('bundled scenarios', () => {
  let report: Report
  let exitCode: number

  beforeAll(async () => {
    const run = await runCli(repoRoot, ['scenarios'])
    if (!run.report) throw new Error(`no report: ${run.stderr}`)
    report = run.report
    exitCode = run.exitCode
  })

  it('meets every expectation and exits 0', () => {
    const failing = report.scenarios.filter((scenario) => !scenario.pass).map((s) => `${s.id}: ${s.verdict}`)
    expect(failing).toEqual([])
    expect(exitCode).toBe(0)
  })

  it.each(Object.entries(expectedCauses))('%s differs with its true cause confirmed', (id, causes) => {
    const scenario = findScenario(report, id)
    expect(scenario.verdict).toBe('differs')
    const confirmed = scenario.causes.filter((cause) => cause.confirmed)
    expect(confirmed).toHaveLength(causes.length)
    for (const cause of causes) expect(confirmed).toContainEqual(expect.objectContaining(cause))
  })

  it('reports no cause for the scenarios that stay the same', () => {
    const same = report.scenarios.filter((scenario) => scenario.expected === 'same')
    expect(same.length).toBeGreaterThanOrEqual(5)
    for (const scenario of same) {
      expect(scenario.verdict, scenario.id).toBe('same')
      expect(scenario.causes, scenario.id).toEqual([])
    }
  })

  it('follows the JSON report contract', () => {
    expect(report.version).toBe(1)
    const { summary } = report
    expect(summary.total).toBe(report.scenarios.length)
    expect(summary.same + summary.differs + summary.flaky + summary.error + summary.skipped).toBe(
      summary.total,
    )
    for (const scenario of report.scenarios) {
      expect(scenario.id).toBe(`${scenario.file}#${scenario.exportName}`)
      expect(scenario.outcomes.fork.length).toBeGreaterThan(0)
      expect(scenario.outcomes.spawn.length).toBeGreaterThan(0)
    }
  })
})
