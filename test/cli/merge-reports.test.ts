import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { mergeReports } from '../../src/cli/merge-reports.js'
import { readReports, validateReport } from '../../src/cli/read-reports.js'
import { suggestExitCode } from '../../src/engine/summary.js'
import { makeDifference, makeReport, makeResult } from '../baseline/helpers.js'

describe('mergeReports', () => {
  const shard1 = makeReport(
    [makeResult('a#default'), makeDifference('c#default', 'env X')],
    '2025-06-01T12:00:00.000Z',
  )
  const shard2 = makeReport(
    [makeResult('b#default'), makeResult('d#default', { verdict: 'skipped', skipped: true })],
    '2025-06-01T12:00:05.000Z',
  )

  it('combines scenarios in id order and recounts the summary', () => {
    const { report, warnings } = mergeReports([
      { file: 'r/2.json', report: shard2 },
      { file: 'r/1.json', report: shard1 },
    ])
    expect(warnings).toEqual([])
    expect(report.scenarios.map((result) => result.id)).toEqual([
      'a#default',
      'b#default',
      'c#default',
      'd#default',
    ])
    expect(report.summary).toEqual({
      total: 4,
      same: 2,
      differs: 1,
      flaky: 0,
      error: 0,
      skipped: 1,
      failed: 1,
    })
    expect(suggestExitCode(report)).toBe(1)
  })

  it('spans the run from the first start to the last end', () => {
    const { report } = mergeReports([
      { file: '1.json', report: shard1 },
      { file: '2.json', report: shard2 },
    ])
    expect(report.startedAt).toBe('2025-06-01T12:00:00.000Z')
    expect(report.durationMs).toBe(5_010)
    expect(report.root).toBe('/app')
    expect(report.interrupted).toBeUndefined()
  })

  it('keeps the later file of a duplicate, silently when the results agree', () => {
    const again = makeReport([{ ...makeResult('a#default'), durationMs: 99 }])
    const { report, warnings } = mergeReports([
      { file: '1.json', report: shard1 },
      { file: '3.json', report: again },
    ])
    expect(warnings).toEqual([])
    expect(report.scenarios.find((result) => result.id === 'a#default')?.durationMs).toBe(99)
  })

  it('warns when duplicates disagree', () => {
    const fixed = makeReport([makeResult('c#default')])
    const { report, warnings } = mergeReports([
      { file: '1.json', report: shard1 },
      { file: '3.json', report: fixed },
    ])
    expect(warnings).toEqual(['c#default is in 1.json (differs, fail) and 3.json (same, pass): using 3.json'])
    expect(report.summary.failed).toBe(0)
  })

  it('marks the merge interrupted when any shard was', () => {
    const { report } = mergeReports([
      { file: '1.json', report: shard1 },
      { file: '2.json', report: { ...shard2, interrupted: true } },
    ])
    expect(report.interrupted).toBe(true)
    expect(suggestExitCode(report)).toBe(1)
  })
})

describe('validateReport', () => {
  const valid = makeReport([makeResult('a#default')])

  it('accepts a report', () => {
    expect(validateReport(JSON.parse(JSON.stringify(valid)), 'r.json')).toEqual(valid)
  })

  // Before the `skipped` verdict, a skipped scenario claimed `same`, and total left it out.
  it('reads an older report’s skipped scenario as skipped, so the merge counts it once', () => {
    const older = {
      ...makeReport([makeResult('a#default')]),
      scenarios: [makeResult('a#default'), makeResult('b#default', { skipped: true })],
      summary: { total: 1, same: 1, differs: 0, flaky: 0, error: 0, failed: 0, skipped: 1 },
    }
    const report = validateReport(JSON.parse(JSON.stringify(older)), 'old.json')
    expect(report.scenarios[1]).toMatchObject({ verdict: 'skipped', skipped: true, pass: true })
    expect(mergeReports([{ file: 'old.json', report }]).report.summary).toMatchObject({
      total: 2,
      same: 1,
      skipped: 1,
      failed: 0,
    })
  })

  it.each([
    [[], 'r.json is not a forkcheck report (no `version`): merge only JSON reports.'],
    [{ version: 2, scenarios: [] }, 'r.json is a report of version 2; this forkcheck reads version 1.'],
    [{ version: 1 }, 'r.json is not a forkcheck report (no `scenarios`, `startedAt` or `durationMs`).'],
    [
      { ...valid, scenarios: [{ ...makeResult('a'), verdict: 'odd' }] },
      'r.json is not a forkcheck report: `scenarios[0]` has no valid `verdict`.',
    ],
    [{ ...valid, scenarios: [1] }, 'r.json is not a forkcheck report: `scenarios[0]` is not an object.'],
  ])('rejects %j naming the file', (value, message) => {
    expect(() => validateReport(value, 'r.json')).toThrow(message)
  })
})

describe('readReports', () => {
  let dir: string

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'forkcheck-merge-'))
  })

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true })
  })

  it('reads every *.json in numeric name order, and nothing below', async () => {
    for (const name of ['shard-10.json', 'shard-9.json', 'shard-1.json']) {
      writeFileSync(join(dir, name), JSON.stringify(makeReport([makeResult(`${name}#default`)])))
    }
    writeFileSync(join(dir, 'notes.txt'), 'not a report')
    mkdirSync(join(dir, 'old'))
    writeFileSync(join(dir, 'old', 'x.json'), '{}')
    const inputs = await readReports(dir, dir)
    expect(inputs.map((input) => input.file)).toEqual(['shard-1.json', 'shard-9.json', 'shard-10.json'])
  })

  it('says when there is nothing to merge', async () => {
    await expect(readReports(dir, dir)).rejects.toThrow(`No JSON reports (*.json) in \`${dir}\`.`)
    await expect(readReports(join(dir, 'missing'), dir)).rejects.toThrow(
      '`missing` is not a readable folder of JSON reports.',
    )
  })

  it('names the file that is not a report', async () => {
    writeFileSync(join(dir, 'a.json'), JSON.stringify(makeReport([])))
    writeFileSync(join(dir, 'b.json'), '{ "version": 1, "scenarios": [], ')
    await expect(readReports(dir, dir)).rejects.toThrow(/^b\.json is not valid JSON: /)
    writeFileSync(join(dir, 'b.json'), JSON.stringify({ version: 1, scenarios: {} }))
    await expect(readReports(dir, dir)).rejects.toThrow(/^b\.json is not a forkcheck report/)
  })
})
