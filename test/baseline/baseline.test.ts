import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { applyBaseline, makeBaselineJudge } from '../../src/baseline/apply.js'
import { describeBaselineNotes } from '../../src/baseline/notes.js'
import { readBaseline, validateBaseline, writeBaseline } from '../../src/baseline/read.js'
import type { Baseline, BaselinedResult } from '../../src/baseline/types.js'
import { updateBaseline } from '../../src/baseline/update.js'
import { suggestExitCode } from '../../src/engine/summary.js'
import { makeDifference, makeReport, makeResult } from './helpers.js'

const NOW = new Date('2025-06-01T12:00:00.000Z')
const DB = 'scenarios/db.scenario.ts#default'
const IPC = 'scenarios/ipc.scenario.ts#default'
const PURE = 'scenarios/pure.scenario.ts#default'

function baselined(report: ReturnType<typeof makeReport>, id: string): BaselinedResult | undefined {
  return report.scenarios.find((result) => result.id === id)
}

describe('updateBaseline then applyBaseline', () => {
  const first = makeReport([
    makeDifference(DB, 'env DATABASE_URL', 'env DATABASE_URL'),
    makeDifference(IPC, 'ipc'),
    makeResult(PURE),
  ])

  it('writes one entry per failing difference, causes by kind and name', () => {
    expect(updateBaseline(first, undefined, { complete: true })).toEqual({
      version: 1,
      scenarios: {
        [DB]: { name: `name of ${DB}`, causes: [{ kind: 'env', name: 'DATABASE_URL' }] },
        [IPC]: { name: `name of ${IPC}`, causes: [{ kind: 'ipc' }] },
      },
    })
  })

  it('writes an empty baseline when nothing differs', () => {
    expect(updateBaseline(makeReport([makeResult(PURE)]), undefined, { complete: true })).toEqual({
      version: 1,
      scenarios: {},
    })
  })

  it('leaves out differences that are expected or pass anyway', () => {
    const expected = makeDifference(DB, 'env X')
    expected.expected = 'differs'
    expected.pass = true
    const report = makeReport([expected, { ...makeDifference(IPC, 'ipc'), skipped: true }])
    expect(updateBaseline(report, undefined, { complete: true }).scenarios).toEqual({})
  })

  it('lets the same differences pass on the next run, marked baselined', () => {
    const baseline = updateBaseline(first, undefined, { complete: true })
    const again = applyBaseline(first, baseline, { now: NOW })
    expect(baselined(again, DB)).toMatchObject({ pass: true, baselined: true, verdict: 'differs' })
    expect(baselined(again, PURE)?.baselined).toBeUndefined()
    expect(again.summary).toMatchObject({ failed: 0, differs: 2 })
    expect(suggestExitCode(again)).toBe(0)
    expect(first.scenarios[0]?.pass).toBe(false)
  })

  it('fails a difference with a cause its entry does not list', () => {
    const baseline = updateBaseline(first, undefined, { complete: true })
    const later = makeReport([
      makeDifference(DB, 'env DATABASE_URL', 'env REDIS_URL'),
      makeDifference(IPC, 'ipc'),
    ])
    const judged = applyBaseline(later, baseline, { now: NOW })
    expect(baselined(judged, DB)).toMatchObject({ pass: false })
    expect(baselined(judged, DB)?.baselined).toBeUndefined()
    expect(suggestExitCode(judged)).toBe(1)
    expect(describeBaselineNotes(judged, baseline, NOW)).toEqual([
      '1 known difference excused',
      `${DB} differs in new ways: env REDIS_URL`,
    ])
  })

  it('excuses a difference with fewer causes than its entry', () => {
    const baseline = updateBaseline(makeReport([makeDifference(DB, 'env A', 'env B')]), undefined, {
      complete: true,
    })
    expect(
      applyBaseline(makeReport([makeDifference(DB, 'env A')]), baseline, { now: NOW }).summary.failed,
    ).toBe(0)
  })

  it('fails a scenario a shard had excused when this baseline does not cover it', () => {
    const excused: BaselinedResult = { ...makeDifference(DB, 'env X'), pass: true, baselined: true }
    const judged = applyBaseline(makeReport([excused]), { version: 1, scenarios: {} }, { now: NOW })
    expect(baselined(judged, DB)).toMatchObject({ pass: false })
    expect('baselined' in (judged.scenarios[0] ?? {})).toBe(false)
  })

  it('never touches verdicts other than a failing difference', () => {
    const error = makeResult(DB, { verdict: 'error', pass: false })
    const judge = makeBaselineJudge({ version: 1, scenarios: { [DB]: { causes: [] } } }, { now: NOW })
    expect(judge(error)).toBe(error)
  })
})

describe('expiry', () => {
  const report = makeReport([makeDifference(DB, 'env DATABASE_URL')])
  const entry = { causes: [{ kind: 'env' as const, name: 'DATABASE_URL' }] }

  it('excuses until the expiry date and not from then on', () => {
    const before: Baseline = { version: 1, scenarios: { [DB]: { ...entry, expires: '2025-06-02' } } }
    const after: Baseline = { version: 1, scenarios: { [DB]: { ...entry, expires: '2025-06-01' } } }
    expect(applyBaseline(report, before, { now: NOW }).summary.failed).toBe(0)
    expect(applyBaseline(report, after, { now: NOW }).summary.failed).toBe(1)
    expect(describeBaselineNotes(applyBaseline(report, after, { now: NOW }), after, NOW)).toEqual([
      `${DB}: the entry expired on 2025-06-01, so the difference fails again`,
    ])
  })

  it('is kept by --update-baseline, which still fails the expired difference', () => {
    const previous: Baseline = { version: 1, scenarios: { [DB]: { ...entry, expires: '2025-01-01' } } }
    const next = updateBaseline(report, previous, { complete: true })
    expect(next.scenarios[DB]?.expires).toBe('2025-01-01')
    const judged = applyBaseline(report, previous, { update: true, now: NOW })
    expect(judged.summary.failed).toBe(1)
  })

  it('lets --update-baseline excuse new and changed differences in the run that writes them', () => {
    const previous: Baseline = { version: 1, scenarios: { [DB]: { causes: [{ kind: 'env', name: 'OLD' }] } } }
    const judged = applyBaseline(report, previous, { update: true, now: NOW })
    expect(judged.summary.failed).toBe(0)
  })
})

describe('entries of scenarios that did not run', () => {
  const previous: Baseline = {
    version: 1,
    scenarios: {
      [DB]: { causes: [{ kind: 'env', name: 'DATABASE_URL' }] },
      [IPC]: { causes: [{ kind: 'ipc' }], expires: '2030-01-01' },
      [PURE]: { causes: [] },
    },
  }

  it('are kept by a partial run (a shard, some files) and dropped by a complete one', () => {
    const shard = makeReport([makeResult(PURE)])
    expect(Object.keys(updateBaseline(shard, previous, { complete: false }).scenarios)).toEqual([DB, IPC])
    expect(Object.keys(updateBaseline(shard, previous, { complete: true }).scenarios)).toEqual([])
  })

  it('are kept when their scenario was skipped', () => {
    const skipped = makeReport([{ ...makeResult(IPC), skipped: true }])
    expect(Object.keys(updateBaseline(skipped, previous, { complete: true }).scenarios)).toEqual([IPC])
  })

  it('get no note, while an entry whose scenario ran clean does', () => {
    const report = makeReport([makeResult(PURE)])
    expect(describeBaselineNotes(applyBaseline(report, previous, { now: NOW }), previous, NOW)).toEqual([
      `${PURE} no longer differs: drop its entry (--update-baseline)`,
    ])
  })
})

describe('the baseline file', () => {
  it('round-trips through writeBaseline and readBaseline', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'forkcheck-baseline-'))
    try {
      const path = join(dir, 'nested', 'forkcheck.baseline.json')
      const baseline: Baseline = {
        version: 1,
        scenarios: {
          [DB]: { name: 'db', causes: [{ kind: 'env', name: 'DATABASE_URL' }], expires: '2025-12-31' },
        },
      }
      await writeBaseline(path, baseline)
      expect(readFileSync(path, 'utf8')).toMatch(/^\{\n {2}"version": 1,/)
      expect(await readBaseline(path, 'b.json')).toEqual(baseline)
      expect(await readBaseline(join(dir, 'missing.json'), 'missing.json')).toBeUndefined()
      writeFileSync(path, '{ nope')
      await expect(readBaseline(path, 'b.json')).rejects.toThrow(/^b\.json is not valid JSON: /)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it.each([
    [{}, 'b.json is not a forkcheck baseline (expected `{ "version": 1, "scenarios": { … } }`).'],
    [{ version: 1, scenarios: [] }, 'b.json is not a forkcheck baseline'],
    [
      { version: 1, scenarios: { x: { causes: 'env' } } },
      'Expected `scenarios["x"].causes` in b.json to be an array',
    ],
    [
      { version: 1, scenarios: { x: { causes: [{ kind: 'envs' }] } } },
      'Expected `scenarios["x"].causes[0]` in b.json to be { kind, name? } with kind one of env, execArgv',
    ],
    [
      { version: 1, scenarios: { x: { causes: [], expires: 'next week' } } },
      'Expected `scenarios["x"].expires` in b.json to be an ISO date such as "2025-12-31", got `"next week"` (string).',
    ],
  ])('rejects %j', (value, message) => {
    expect(() => validateBaseline(value, 'b.json')).toThrow(message)
  })
})
