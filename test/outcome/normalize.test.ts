import { describe, expect, it } from 'vitest'
import type { VolatileHints } from '../../src/outcome/contract.js'
import { normalizeRun } from '../../src/outcome/normalize.js'
import type { ChildOutcome, PlainValue } from '../../src/types.js'

const NOW = Date.UTC(2024, 5, 1, 10, 0, 0)
const hints: VolatileHints = {
  pids: [41001, 41002, 40999, 7],
  ports: [53211, 53212],
  root: '/home/dev/app',
  tmpDirs: ['/tmp'],
  timeWindow: [NOW - 5_000, NOW + 60_000],
}

function outcome(fields: Partial<ChildOutcome> = {}): ChildOutcome {
  return {
    worker: 0,
    status: 'returned',
    exitCode: 0,
    signal: null,
    timedOut: false,
    stdout: '',
    stderr: '',
    openHandles: [],
    ...fields,
  }
}

function values(outcomes: ChildOutcome[], runHints: VolatileHints = hints): (PlainValue | undefined)[] {
  return normalizeRun(outcomes, runHints).map((normalized) => normalized.value)
}

function value(input: PlainValue, runHints: VolatileHints = hints): PlainValue | undefined {
  return values([outcome({ value: input })], runHints)[0]
}

function text(input: string, runHints: VolatileHints = hints): string {
  return normalizeRun([outcome({ stdout: input })], runHints)[0]!.stdout
}

describe('normalizeRun: compared fields', () => {
  it('drops worker, duration, truncation and the error stack', () => {
    const [normalized] = normalizeRun(
      [
        outcome({
          worker: 3,
          durationMs: 12,
          truncated: { stdout: 1, stderr: 0 },
          status: 'threw',
          error: { name: 'Error', message: 'x', code: 'E', at: 'src/a.ts:1', stack: 'Error: x\n  at …' },
        }),
      ],
      hints,
    )
    expect(normalized).toEqual({
      status: 'threw',
      error: { name: 'Error', message: 'x', code: 'E', at: 'src/a.ts:1' },
      exitCode: 0,
      signal: null,
      timedOut: false,
      stdout: '',
      stderr: '',
      openHandles: [],
    })
  })

  it('keeps exit hooks and sorts open handles', () => {
    const [normalized] = normalizeRun(
      [outcome({ openHandles: ['Timeout', 'TCPServerWrap'], exitHooks: { exit: true, beforeExit: false } })],
      hints,
    )
    expect(normalized?.openHandles).toEqual(['TCPServerWrap', 'Timeout'])
    expect(normalized?.exitHooks).toEqual({ exit: true, beforeExit: false })
  })

  it('does not change its input', () => {
    const input = outcome({ value: { pid: 41001 }, error: { name: 'E', message: 'm', stack: 's' } })
    const copy = structuredClone(input)
    normalizeRun([input], hints)
    expect(input).toEqual(copy)
  })
})

describe('normalizeRun: volatile values', () => {
  it('replaces hint pids as numbers, digit strings and words in text', () => {
    expect(value({ pid: 41001, ppid: 40999, text: 'worker 41001 started', id: '41001' })).toEqual({
      pid: '<pid:1>',
      ppid: '<pid:2>',
      text: 'worker <pid:1> started',
      id: '<pid:1>',
    })
  })

  it('replaces small hint pids only next to a pid key or word', () => {
    expect(value({ pid: 7, count: 7, note: 'pid=7, 7 items', workerPids: [7], PID: 'PID 7' })).toEqual({
      PID: 'PID <pid:1>',
      count: 7,
      note: 'pid=<pid:1>, 7 items',
      pid: '<pid:1>',
      workerPids: ['<pid:1>'],
    })
  })

  it('replaces hint ports as numbers, after a colon and as words', () => {
    expect(value({ port: 53211, url: 'http://127.0.0.1:53212/x', msg: 'listening on 53211' })).toEqual({
      msg: 'listening on <port:1>',
      port: '<port:1>',
      url: 'http://127.0.0.1:<port:2>/x',
    })
  })

  it('leaves pids and ports that are not in the hints alone', () => {
    expect(value({ pid: 41003, port: 8080, url: 'http://localhost:3000' })).toEqual({
      pid: 41003,
      port: 8080,
      url: 'http://localhost:3000',
    })
  })

  it('never touches ordinary numbers, counts, versions or addresses of hosts', () => {
    const input = {
      count: 3,
      total: 1024,
      ratio: 0.5,
      year: 2024,
      version: '1.41001.2',
      ip: '10.0.41.1',
      semver: 'v20.19.0',
      code: 'E41001X',
      list: [1, 2, 3],
    }
    expect(value(input)).toEqual(input)
  })

  it('replaces temp paths, keeping what follows the random folder', () => {
    expect(
      value({
        dir: '/tmp/app-x7Yq2',
        file: '/tmp/app-x7Yq2/data/db.json',
        other: '/tmp/app-Zk81/db.json',
        msg: "ENOENT: no such file or directory, open '/tmp/app-x7Yq2/a.txt'",
        url: 'file:///tmp/app-x7Yq2/b',
      }),
    ).toEqual({
      dir: '<tmp:1>',
      file: '<tmp:1>/data/db.json',
      msg: "ENOENT: no such file or directory, open '<tmp:1>/a.txt'",
      other: '<tmp:2>/db.json',
      url: 'file://<tmp:1>/b',
    })
  })

  it('does not take a folder that merely starts like a temp folder for one', () => {
    expect(value(['/tmpfiles/x', '/home/dev/tmp/x', '/var/tmp/x'])).toEqual([
      '/tmpfiles/x',
      '/home/dev/tmp/x',
      '/var/tmp/x',
    ])
  })

  it('replaces the project root with one unnumbered placeholder', () => {
    expect(
      value({ cwd: '/home/dev/app', file: '/home/dev/app/src/a.ts', sibling: '/home/dev/apps/x' }),
    ).toEqual({
      cwd: '<root>',
      file: '<root>/src/a.ts',
      sibling: '/home/dev/apps/x',
    })
  })

  it('prefers the root when the root lies inside a temp folder', () => {
    const nested = { ...hints, root: '/tmp/fc-1/project' }
    expect(value(['/tmp/fc-1/project/src/a.ts', '/tmp/fc-1/other'], nested)).toEqual([
      '<root>/src/a.ts',
      '<tmp:1>/other',
    ])
  })

  it('replaces only paths in error.at, not its line number', () => {
    const [normalized] = normalizeRun(
      [
        outcome({
          status: 'threw',
          error: { name: 'Error', message: 'at 53211', at: '/tmp/x-1/a.js:53211' },
        }),
      ],
      hints,
    )
    expect(normalized?.error).toEqual({ name: 'Error', message: 'at <port:1>', at: '<tmp:1>/a.js:53211' })
  })

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
      file: 'backup_<time:1>Z.tar',
      later: '<time:2>Z',
      old: '2020-01-01T00:00:00.000Z',
      same: '<time:1>+02:00',
      utc: '<time:1>Z',
    })
  })

  it('replaces zoneless local times and names the zone they imply', () => {
    expect(value(['2024-06-01 10:00:02', '2024-06-01T12:00:02', '2024-06-01 18:17:00'])).toEqual([
      '<time:1>',
      '<time:1>(+02:00)',
      '2024-06-01 18:17:00',
    ])
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
      date: { $type: 'Date', iso: '<time:1>Z' },
      http: '<time:1> GMT',
      local: '<time:1> GMT+0200 (Central European Summer Time)',
      old: { $type: 'Date', iso: '1999-01-01T00:00:00.000Z' },
    })
  })

  it('replaces epoch milliseconds and seconds inside the window only', () => {
    expect(
      value({
        ms: NOW + 1,
        seconds: (NOW + 2_000) / 1000,
        text: `upload-${NOW + 1}.json`,
        outside: NOW - 3_600_000,
      }),
    ).toEqual({
      ms: '<time:1>',
      outside: NOW - 3_600_000,
      seconds: '<time:2>',
      text: 'upload-<time:1>.json',
    })
  })

  it('numbers times per worker, since concurrent clocks meet by chance', () => {
    const a = outcome({ value: { at: NOW + 10 } })
    const b = outcome({ value: { at: NOW + 10 } })
    const c = outcome({ value: { at: NOW + 11 } })
    expect(values([a, b])).toEqual([{ at: '<time:1>' }, { at: '<time:1>' }])
    expect(values([a, c])).toEqual([{ at: '<time:1>' }, { at: '<time:1>' }])
  })

  it('replaces random UUIDs but keeps name-based, nil and max ones', () => {
    expect(
      value([
        '1b4e28ba-2fa1-41d2-883f-0016d3cca427',
        'req_1B4E28BA-2FA1-41D2-883F-0016D3CCA427 done',
        '018f9c6e-7c1a-7b3e-9f00-2f0c3a9d1e55',
        '886313e1-3b8a-5372-9b90-0c9aee199e5d',
        '00000000-0000-0000-0000-000000000000',
        'ffffffff-ffff-ffff-ffff-ffffffffffff',
      ]),
    ).toEqual([
      '<uuid:1>',
      'req_<uuid:1> done',
      '<uuid:2>',
      '886313e1-3b8a-5372-9b90-0c9aee199e5d',
      '00000000-0000-0000-0000-000000000000',
      'ffffffff-ffff-ffff-ffff-ffffffffffff',
    ])
  })

  it('replaces memory addresses of 8 to 16 hex digits', () => {
    expect(
      value(['buf at 0x7ffd5e8c1a2b', '0x7FFD5E8C1A2B', '0xff', '0xdeadbeef', `0x${'a'.repeat(40)}`]),
    ).toEqual(['buf at <addr:1>', '<addr:1>', '0xff', '<addr:2>', `0x${'a'.repeat(40)}`])
  })

  it('replaces hrtime bigints of 13 digits or more', () => {
    expect(
      value({
        start: { $type: 'bigint', value: '1234567890123456' },
        end: { $type: 'bigint', value: '1234567890999999' },
        small: { $type: 'bigint', value: '123456789012' },
      }),
    ).toEqual({
      end: { $type: 'bigint', value: '<hrtime:1>' },
      small: { $type: 'bigint', value: '123456789012' },
      start: { $type: 'bigint', value: '<hrtime:2>' },
    })
  })

  it('replaces measured durations with one unnumbered placeholder', () => {
    expect(text('took 12.3ms\ndone in 45 ms\nbuild 1.2s\nfinished in 3s\nhttp +0ms\n120 µs')).toBe(
      'took <duration>\ndone in <duration>\nbuild <duration>\nfinished in <duration>\nhttp +<duration>\n<duration>',
    )
  })

  it('leaves text that only looks a bit like a duration alone', () => {
    expect(text('3s later, v1.2s, 5 seconds, 12msg')).toBe('3s later, v1.2s, 5 seconds, 12msg')
  })

  it('normalizes object keys that look volatile', () => {
    expect(value({ '41001': 'me', '/tmp/x-9/a': 1, plain: 2 })).toEqual({
      '<pid:1>': 'me',
      '<tmp:1>/a': 1,
      plain: 2,
    })
  })

  it('keeps both keys when placeholders would merge them', () => {
    expect(value({ '12ms': 'a', '13ms': 'b' })).toEqual({ '<duration>': 'a', '<duration>#2': 'b' })
  })

  it('normalizes error messages, stdout and stderr', () => {
    const [normalized] = normalizeRun(
      [
        outcome({
          status: 'threw',
          error: { name: 'Error', message: 'EADDRINUSE: address already in use :::53211' },
          stdout: 'pid 41001 at /home/dev/app/src\n',
          stderr: 'warning at 2024-06-01T10:00:00.000Z\n',
        }),
      ],
      hints,
    )
    expect(normalized).toMatchObject({
      error: { message: 'EADDRINUSE: address already in use :::<port:1>' },
      stdout: 'pid <pid:1> at <root>/src\n',
      stderr: 'warning at <time:1>Z\n',
    })
  })

  it('leaves binary data alone', () => {
    const bytes = { $type: 'bytes', kind: 'Uint8Array', length: 5, hex: '41001f0a00' }
    expect(value(bytes)).toEqual(bytes)
  })

  it('handles empty hints', () => {
    const empty: VolatileHints = { pids: [], ports: [], root: '', tmpDirs: [], timeWindow: [0, 0] }
    expect(value({ a: '/tmp/x', b: 41001, c: 0, d: '0' }, empty)).toEqual({
      a: '/tmp/x',
      b: 41001,
      c: 0,
      d: '0',
    })
  })
})

describe('normalizeRun: numbering across workers', () => {
  it('tells one shared port apart from one port each', () => {
    const shared = [outcome({ value: { port: 53211 } }), outcome({ worker: 1, value: { port: 53211 } })]
    const own = [outcome({ value: { port: 53211 } }), outcome({ worker: 1, value: { port: 53212 } })]
    expect(values(shared)).toEqual([{ port: '<port:1>' }, { port: '<port:1>' }])
    expect(values(own)).toEqual([{ port: '<port:1>' }, { port: '<port:2>' }])
  })

  it('numbers by first appearance across the workers of the run', () => {
    const a = outcome({ value: { kind: 'a', pids: [41001, 41002] } })
    const b = outcome({ worker: 1, value: { kind: 'b', pids: [41002, 40999] } })
    expect(values([a, b])).toEqual([
      { kind: 'a', pids: ['<pid:1>', '<pid:2>'] },
      { kind: 'b', pids: ['<pid:2>', '<pid:3>'] },
    ])
  })

  it('does not depend on the order the workers finished in', () => {
    const workers = [
      outcome({ value: { id: '1b4e28ba-2fa1-41d2-883f-0016d3cca427', pid: 41001 } }),
      outcome({ worker: 1, value: { id: '2c5f39cb-3ab2-42e3-994a-1127e4ddb538', pid: 41002 } }),
      outcome({ worker: 2, value: { id: '1b4e28ba-2fa1-41d2-883f-0016d3cca427', pid: 40999 } }),
    ]
    const expected = normalizeRun(workers, hints)
    for (const order of [
      [1, 0, 2],
      [2, 1, 0],
      [0, 2, 1],
    ]) {
      expect(
        normalizeRun(
          order.map((index) => workers[index]!),
          hints,
        ),
      ).toEqual(expected)
    }
  })

  it('does not depend on worker order when workers share values in tangled ways', () => {
    const u = (n: number) => `${String(n).repeat(8)}-1111-4111-8111-${String(n).repeat(12)}`
    const workers = [
      outcome({ value: { a: u(1), b: u(2), port: 53211 } }),
      outcome({ value: { a: u(2), b: u(3), port: 53211 } }),
      outcome({ value: { a: u(3), b: u(1), port: 53212 } }),
      outcome({ value: { a: u(4), b: u(4), port: 53212 } }),
      outcome({ value: { a: u(5), b: u(2), port: 53211 } }),
    ]
    const expected = normalizeRun(workers, hints)
    let seed = 7
    const random = () => {
      seed = (seed * 16807) % 2147483647
      return seed / 2147483647
    }
    for (let trial = 0; trial < 50; trial++) {
      const shuffled = [...workers].sort(() => random() - 0.5)
      expect(normalizeRun(shuffled, hints)).toEqual(expected)
    }
  })

  it('gives two runs with different raw values the same result', () => {
    const run1 = [
      outcome({ value: { port: 53211, pid: 41001 } }),
      outcome({ value: { port: 53211, pid: 41002 } }),
    ]
    const otherHints = { ...hints, pids: [50001, 50002], ports: [60001] }
    const run2 = [
      outcome({ value: { port: 60001, pid: 50002 } }),
      outcome({ value: { port: 60001, pid: 50001 } }),
    ]
    expect(normalizeRun(run2, otherHints)).toEqual(normalizeRun(run1, hints))
  })

  it('numbers independently of object key order', () => {
    const a = normalizeRun([outcome({ value: { x: 41001, y: 41002 } })], hints)
    const b = normalizeRun([outcome({ value: { y: 41002, x: 41001 } })], hints)
    expect(a).toEqual(b)
  })

  it('returns workers sorted canonically', () => {
    const run = [outcome({ value: 'b' }), outcome({ value: 'a' }), outcome({ status: 'threw' })]
    const reversed = [...run].reverse()
    expect(normalizeRun(run, hints)).toEqual(normalizeRun(reversed, hints))
    expect(values(run)).toEqual(['a', 'b', undefined])
  })

  it('handles a volatile value that recurs many times across workers', () => {
    const stdout = 'pid 41001 '.repeat(20_000)
    const normalized = normalizeRun([outcome({ stdout }), outcome({ worker: 1, stdout })], hints)
    expect(normalized.map((worker) => worker.stdout)).toEqual(Array(2).fill('pid <pid:1> '.repeat(20_000)))
  })

  it('is deterministic for the same input', () => {
    const run = [outcome({ value: { port: 53212 } }), outcome({ value: { port: 53211 } })]
    expect(normalizeRun(run, hints)).toEqual(normalizeRun(run, hints))
  })
})
