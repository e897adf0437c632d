import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { ChildOutcome, Report, ScenarioResult } from '../../src/types.js'
import { findScenario, repoRoot, runCli } from '../helpers/cli.js'

// The classic fork-vs-spawn failures (docs/background.md): each bug differs and each fix stays the
// same, run through the built CLI; causes are checked where bisection can confirm them.
const FILES = ['shared-connection', 'residual-config', 'exit-cleanup', 'child-reports'].map(
  (name) => `scenarios/classic-${name}.scenario.ts`,
)

/** `file:line` of the first line of `file` (relative to the root) that contains `text`. */
function lineOf(file: string, text: string): string {
  const index = readFileSync(join(repoRoot, file), 'utf8')
    .split('\n')
    .findIndex((line) => line.includes(text))
  if (index < 0) throw new Error(`${text} not found in ${file}`)
  return `${file}:${index + 1}`
}

function outcomes(scenario: ScenarioResult, mode: 'fork' | 'spawn'): ChildOutcome[] {
  return scenario.outcomes[mode].flat()
}

describe('classic scenarios', () => {
  let report: Report
  let exitCode: number
  const scenario = (name: string, exportName: string) =>
    findScenario(report, `scenarios/classic-${name}.scenario.ts#${exportName}`)

  beforeAll(async () => {
    const run = await runCli(repoRoot, FILES)
    if (!run.report) throw new Error(`no report: ${run.stderr}`)
    report = run.report
    exitCode = run.exitCode
  })

  it('meets every expectation: each bug differs, each fix stays the same', () => {
    const verdicts = Object.fromEntries(report.scenarios.map((result) => [result.id, result.verdict]))
    expect(verdicts).toEqual(
      Object.fromEntries(
        FILES.flatMap((file) => [
          [`${file}#bug`, 'differs'],
          [`${file}#fixed`, 'same'],
        ]),
      ),
    )
    expect(report.scenarios.every((result) => result.pass)).toBe(true)
    expect(exitCode).toBe(0)
  })

  it('shared connection: workers get replies meant for other processes', () => {
    const bug = scenario('shared-connection', 'bug')
    const at = lineOf('scenarios/fixtures/classic-kv.ts', 'new KvProtocolError(')
    for (const outcome of outcomes(bug, 'fork')) {
      expect(outcome.error).toMatchObject({ name: 'KvProtocolError', code: 'ERR_KV_OUT_OF_STEP', at })
    }
    for (const outcome of outcomes(bug, 'spawn')) expect(outcome.value).toEqual({ requests: 200 })
    // The primary's live connection is not an inherited item a trial can add back: kinds only.
    for (const cause of bug.causes) expect(['ipc', 'cluster']).toContain(cause.kind)
    const fixed = scenario('shared-connection', 'fixed')
    for (const outcome of [...outcomes(fixed, 'fork'), ...outcomes(fixed, 'spawn')]) {
      expect(outcome.value).toEqual({ requests: 200 })
    }
  })

  it('residual config: the .env values the primary loaded, confirmed where set and read', () => {
    const settings = 'scenarios/fixtures/classic-settings.ts'
    const bug = scenario('residual-config', 'bug')
    const setAt = lineOf(settings, 'process.env[name] ??= value')
    expect(bug.causes).toHaveLength(2)
    for (const name of ['APP_REGION', 'APP_CACHE_TTL']) {
      const readAt = lineOf(settings, `values.${name}`)
      expect(bug.causes).toContainEqual({ kind: 'env', name, confirmed: true, setAt, readAt })
    }
    expect(outcomes(bug, 'fork')[0]?.value).toEqual({ region: 'eu-west-1', cacheTtlSeconds: 300 })
    expect(outcomes(bug, 'spawn')[0]?.error).toMatchObject({
      message: 'APP_REGION is not set: load the .env file or pass settings',
      at: lineOf(settings, 'throw new Error('),
    })
    const fixed = scenario('residual-config', 'fixed')
    expect(outcomes(fixed, 'spawn')[0]?.value).toEqual({ region: 'eu-west-1', cacheTtlSeconds: 300 })
  })

  it('exit cleanup: a cluster worker skips beforeExit and loses the batch, by its role', () => {
    const file = 'scenarios/classic-exit-cleanup.scenario.ts'
    const bug = scenario('exit-cleanup', 'bug')
    expect(bug.causes).toEqual([
      { kind: 'cluster', name: 'role', confirmed: true, readAt: lineOf(file, 'cluster.isWorker') },
    ])
    const batch = 'job 1 done\njob 2 done\nworker stopping\n'
    for (const outcome of outcomes(bug, 'fork')) {
      expect(outcome).toMatchObject({ stdout: '', exitCode: 0, exitHooks: { exit: true, beforeExit: false } })
    }
    for (const outcome of outcomes(bug, 'spawn')) {
      expect(outcome).toMatchObject({
        stdout: batch,
        exitCode: 0,
        exitHooks: { exit: true, beforeExit: true },
      })
    }
    const fixed = scenario('exit-cleanup', 'fixed')
    for (const outcome of [...outcomes(fixed, 'fork'), ...outcomes(fixed, 'spawn')]) {
      expect(outcome).toMatchObject({
        stdout: batch,
        exitCode: 0,
        exitHooks: { exit: true, beforeExit: false },
      })
    }
  })

  it('child reports: a remote error keeps its TypeScript stack, and output stays with its worker', () => {
    const job = 'scenarios/fixtures/classic-import-job.ts'
    const bug = scenario('child-reports', 'bug')
    const sendAt = lineOf(job, 'process.send!(')
    expect(bug.causes).toEqual([{ kind: 'ipc', confirmed: true, readAt: sendAt }])
    for (const outcome of outcomes(bug, 'spawn')) {
      expect(outcome.error).toMatchObject({
        name: 'TypeError',
        message: 'process.send is not a function',
        at: sendAt,
      })
      expect(outcome.error?.stack).toContain(`at toParent (${sendAt}:`)
      expect(outcome.error?.stack).toContain(`at runImportJob (${lineOf(job, 'report({ job,')}:`)
    }
    for (const [worker, outcome] of (bug.outcomes.fork[0] ?? []).entries()) {
      expect(outcome).toMatchObject({ worker, stderr: `[shard-${worker}] skipped row 2: "grace"\n` })
    }
    const fixed = scenario('child-reports', 'fixed')
    for (const mode of ['fork', 'spawn'] as const) {
      const run = fixed.outcomes[mode][0] ?? []
      expect(run).toHaveLength(2)
      for (const [worker, outcome] of run.entries()) {
        expect(outcome).toMatchObject({
          worker,
          value: { imported: 2 },
          stdout: [1, 2, 3].map((done) => `[shard-${worker}] ${done}/3\n`).join(''),
        })
      }
    }
  })
})
