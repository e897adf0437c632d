import { describe, expect, it } from 'vitest'
import type { VolatileHints } from '../../src/outcome/contract.js'
import { HR_NOW, hints, NOW, outcome, text, value, values } from './outcomes.js'

describe('normalizeRun: wall-clock times', () => {
  it('replaces ISO times inside the window and keeps their zone', () => {
    expect(
      value({
        utc: '2024-06-01T10:00:01.234Z',
        file: 'backup_2024-06-01T10:00:01.234Z.tar',
        same: '2024-06-01T12:00:01.234+02:00',
        later: '2024-06-01T10:00:30Z',
        old: '2020-01-01T00:00:00.000Z',
      }),
    ).toEqual({
      file: 'backup_<time>Z.tar',
      later: '<time>Z',
      old: '2020-01-01T00:00:00.000Z',
      same: '<time>+02:00',
      utc: '<time>Z',
    })
  })

  it('replaces zoneless local times and names the zone they imply', () => {
    expect(value(['2024-06-01 10:00:02', '2024-06-01T12:00:02', '2024-06-01 18:17:00'])).toEqual([
      '<time>',
      '<time>(+02:00)',
      '2024-06-01 18:17:00',
    ])
  })

  it('keeps a zone difference visible', () => {
    expect(value(['2024-06-01T10:00:02Z', '2024-06-01T06:00:02-04:00'])).toEqual(['<time>Z', '<time>-04:00'])
  })

  it('replaces Date values, Date#toString and HTTP dates inside the window', () => {
    expect(
      value({
        date: { $type: 'Date', iso: '2024-06-01T10:00:05.000Z' },
        old: { $type: 'Date', iso: '1999-01-01T00:00:00.000Z' },
        local: 'Sat Jun 01 2024 12:00:05 GMT+0200 (Central European Summer Time)',
        http: 'Sat, 01 Jun 2024 10:00:05 GMT',
      }),
    ).toEqual({
      date: { $type: 'Date', iso: '<time>Z' },
      http: '<time> GMT',
      local: '<time> GMT+0200 (Central European Summer Time)',
      old: { $type: 'Date', iso: '1999-01-01T00:00:00.000Z' },
    })
  })

  it('replaces epoch milliseconds and seconds inside the window only', () => {
    expect(
      value({
        ms: NOW + 1,
        fractional: NOW + 0.25,
        seconds: (NOW + 2_000) / 1000,
        text: `upload-${NOW + 1}.json`,
        bigint: { $type: 'bigint', value: String(NOW + 3) },
        outside: NOW - 3_600_000,
      }),
    ).toEqual({
      bigint: { $type: 'bigint', value: '<time>' },
      fractional: '<time>',
      ms: '<time>',
      outside: NOW - 3_600_000,
      seconds: '<time>',
      text: 'upload-<time>.json',
    })
  })

  it('leaves clock readings unnumbered, since readings meet or miss each other by chance', () => {
    const sameTick = value({ start: NOW + 10, end: NOW + 10 })
    const nextTick = value({ start: NOW + 10, end: NOW + 11 })
    expect(sameTick).toEqual({ start: '<time>', end: '<time>' })
    expect(nextTick).toEqual(sameTick)
    const workers = [outcome({ value: NOW + 10 }), outcome({ worker: 1, value: NOW + 12 })]
    expect(values(workers)).toEqual(['<time>', '<time>'])
  })
})

describe('normalizeRun: times of day', () => {
  it('replaces a time of day near the run, in UTC', () => {
    expect(text('[10:00:05.123] INFO ready\n10:00:07 listening\n')).toBe(
      '[<time>] INFO ready\n<time> listening\n',
    )
  })

  it('reads 12-hour times with AM and PM', () => {
    const evening: VolatileHints = {
      ...hints,
      runWindow: [NOW + 9 * 3_600_000, NOW + 9 * 3_600_000 + 20_000],
    }
    expect(text('6/1/2024, 7:00:03 PM started', evening)).toBe('6/1/2024, <time> PM started')
    expect(text('6/1/2024, 7:00:03 AM started', evening)).toBe('6/1/2024, 7:00:03 AM started')
  })

  it("replaces a time of day in the harness's zone and names that zone", () => {
    const berlin: VolatileHints = { ...hints, zoneOffset: 2 * 3_600_000 }
    expect(text('12:00:04 up, 10:00:04 up', berlin)).toBe('<time>(+02:00) up, <time> up')
    expect(text('12:00:04 up')).toBe('12:00:04 up')
  })

  it('leaves times of day far from the run, durations and clock-like counters alone', () => {
    expect(text('backup at 03:00:00\nuptime 00:00:12\nmac 00:1a:2b:3c\n25:00:00')).toBe(
      'backup at 03:00:00\nuptime 00:00:12\nmac 00:1a:2b:3c\n25:00:00',
    )
  })

  it('needs the run window to replace a time of day', () => {
    const { runWindow: _, ...withoutRun } = hints
    expect(text('10:00:05 ready', withoutRun)).toBe('10:00:05 ready')
  })
})

describe('normalizeRun: monotonic clocks', () => {
  const reading = (offset: bigint) => String(HR_NOW + offset)

  it('replaces process.hrtime.bigint() readings of the run, as bigints, numbers and text', () => {
    expect(
      value({
        start: { $type: 'bigint', value: reading(5n) },
        end: { $type: 'bigint', value: reading(9_000_000n) },
        number: Number(HR_NOW + 7n),
        log: `mark ${reading(11n)} done`,
      }),
    ).toEqual({
      end: { $type: 'bigint', value: '<hrtime>' },
      log: 'mark <hrtime> done',
      number: '<hrtime>',
      start: { $type: 'bigint', value: '<hrtime>' },
    })
  })

  it('leaves big numbers outside the run alone, whatever their length', () => {
    const input = {
      id: { $type: 'bigint', value: '1234567890123456789' },
      earlier: { $type: 'bigint', value: reading(-60_000_000_000n) },
      size: 9_007_199_254_740_991,
    }
    expect(value(input)).toEqual(input)
  })

  it('leaves hrtime alone without an hrtime window', () => {
    const { hrtimeWindow: _, ...withoutHrtime } = hints
    const input = { start: { $type: 'bigint', value: reading(5n) } }
    expect(value(input, withoutHrtime)).toEqual(input)
  })
})
