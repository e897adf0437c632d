import { beforeAll, describe, expect, it } from 'vitest'
import type { Report, ScenarioResult } from '../../src/types.js'
import { findScenario, fixturePath, repoRoot, runCli } from '../helpers/cli.js'

const corpus = fixturePath('stability')
const idOf = (name: string) => `scenarios/${name}.scenario.ts#default`
/** The only corpus scenario whose value varies in a way no normalization can know. */
const RANDOM = idOf('random-token')

describe('stability corpus: noise is never a difference', () => {
  let report: Report
  let exitCode: number

  beforeAll(async () => {
    const run = await runCli(corpus)
    if (!run.report) throw new Error(`no report: ${run.stderr}`)
    report = run.report
    exitCode = run.exitCode
  })

  it('finds no difference and passes', () => {
    const wrong = report.scenarios.filter((scenario) => scenario.verdict === 'differs' || !scenario.pass)
    expect(wrong.map((scenario) => `${scenario.id}: ${JSON.stringify(scenario.diffs)}`)).toEqual([])
    expect(report.scenarios.length).toBeGreaterThanOrEqual(12)
    expect(exitCode).toBe(0)
  })

  it('normalizes every volatile value it can know, so those scenarios are the same', () => {
    const notSame = report.scenarios.filter(
      (scenario) => scenario.id !== RANDOM && scenario.verdict !== 'same',
    )
    expect(notSame.map((scenario) => `${scenario.id}: ${describeVariations(scenario)}`)).toEqual([])
  })

  it("calls Math.random flaky, with each mode's runs counted per distinct value", () => {
    const scenario = findScenario(report, RANDOM)
    expect(scenario).toMatchObject({ verdict: 'flaky', pass: true })
    expect(scenario.outcomes.fork).toHaveLength(3)
    expect(scenario.outcomes.spawn).toHaveLength(3)
    expect(scenario.variations).toEqual([
      { mode: 'fork', path: '[0].value.token', counts: [1, 1, 1] },
      { mode: 'spawn', path: '[0].value.token', counts: [1, 1, 1] },
    ])
  })

  it("applies a scenario's own normalize in both modes", () => {
    const scenario = findScenario(report, idOf('own-normalize'))
    expect(scenario.verdict).toBe('same')
    for (const mode of ['fork', 'spawn'] as const) {
      expect(scenario.outcomes[mode][0]?.[0]?.value).toEqual({ token: '<token>', region: 'eu-west' })
    }
  })
})

describe('repeats and --flaky', () => {
  it('fails a flaky scenario with --flaky=fail and keeps its verdict', async () => {
    const run = await runCli(corpus, ['--flaky=fail', 'scenarios/random-token.scenario.ts'])
    expect(findScenario(run.report, RANDOM)).toMatchObject({ verdict: 'flaky', pass: false })
    expect(run.report?.summary).toMatchObject({ flaky: 1, failed: 1 })
    expect(run.exitCode).toBe(1)
  })

  it('passes it with --flaky=warn', async () => {
    const run = await runCli(corpus, ['--flaky=warn', 'scenarios/random-token.scenario.ts'])
    expect(findScenario(run.report, RANDOM)).toMatchObject({ verdict: 'flaky', pass: true })
    expect(run.exitCode).toBe(0)
  })

  it('lets --repeat override the scenario, and confirms a first difference even at --repeat 1', async () => {
    const files = ['scenarios/random-token.scenario.ts', 'scenarios/uuid.scenario.ts']
    const once = await runCli(corpus, ['--repeat', '1', ...files])
    const random = findScenario(once.report, RANDOM)
    expect(random.verdict).toBe('flaky')
    expect([random.outcomes.fork.length, random.outcomes.spawn.length]).toEqual([2, 2])
    expect(findScenario(once.report, idOf('uuid')).outcomes.fork).toHaveLength(1)
    const four = await runCli(corpus, ['--repeat', '4', ...files])
    expect(findScenario(four.report, RANDOM).variations?.[0]?.counts).toEqual([1, 1, 1, 1])
    expect(findScenario(four.report, idOf('uuid'))).toMatchObject({ verdict: 'same' })
    expect(findScenario(four.report, idOf('uuid')).outcomes.spawn).toHaveLength(4)
  })
})

describe('noisy bundled scenarios: a real difference still surfaces', () => {
  let report: Report

  beforeAll(async () => {
    const run = await runCli(repoRoot, ['scenarios/noisy-*.scenario.ts'])
    if (!run.report) throw new Error(`no report: ${run.stderr}`)
    report = run.report
  })

  it('finds the env-dependent tier among random ids, with its cause confirmed', () => {
    const scenario = findScenario(report, 'scenarios/noisy-env-tier.scenario.ts#default')
    expect(scenario).toMatchObject({ verdict: 'differs', pass: true })
    expect(scenario.diffs).toEqual([{ path: '[0].value.tier', fork: 'gold', spawn: 'free' }])
    expect(scenario.causes).toEqual([
      {
        kind: 'env',
        name: 'APP_TIER',
        confirmed: true,
        setAt: 'scenarios/noisy-env-tier.scenario.ts:10',
        readAt: 'scenarios/fixtures/noisy-request.ts:9',
      },
    ])
    expect(scenario.variations?.map((variation) => variation.path)).toContain('[0].value.token')
  })

  it('finds the cwd-relative read behind a timestamped log line, with its cause confirmed', () => {
    const scenario = findScenario(report, 'scenarios/noisy-cwd-log.scenario.ts#default')
    expect(scenario).toMatchObject({ verdict: 'differs', pass: true })
    // One diff of the whole value: an object against null, not null against absent plus each field.
    const settings = { tier: 'gold', maxUploads: 20 }
    expect(scenario.diffs).toContainEqual({ path: '[0].value.settings', fork: settings, spawn: null })
    expect(scenario.diffs?.some((diff) => /stdout|stderr|loadedAt|sampleRate/.test(diff.path))).toBe(false)
    expect(scenario.causes).toEqual([
      expect.objectContaining({ kind: 'cwd', name: 'scenarios/fixtures/noisy-cwd', confirmed: true }),
    ])
  })
})

function describeVariations(scenario: ScenarioResult): string {
  const varied = scenario.variations?.map((variation) => `${variation.mode} ${variation.path}`)
  return `${scenario.verdict} (${varied?.join(', ') ?? scenario.error?.message ?? ''})`
}
