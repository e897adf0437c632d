import { describe, expect, it } from 'vitest'
import type { VolatileHints } from '../../src/outcome/contract.js'
import { normalizeRun } from '../../src/outcome/normalize.js'
import { hints, outcome, text, value } from './outcomes.js'

describe('normalizeRun: pids and ports', () => {
  it('replaces hint pids as numbers, digit strings and words in text', () => {
    expect(value({ pid: 41001, ppid: 40999, text: 'worker 41001 started', id: '41001' })).toEqual({
      pid: '<pid:1>',
      ppid: '<pid:2>',
      text: 'worker <pid:1> started',
      id: '<pid:1>',
    })
  })

  it('replaces pids in the shapes Node and loggers print', () => {
    expect(text('(node:41001) Warning: x\n[41002] ready\npid=41001 ppid=40999\n')).toBe(
      '(node:<pid:1>) Warning: x\n[<pid:2>] ready\npid=<pid:1> ppid=<pid:3>\n',
    )
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
})

describe('normalizeRun: paths', () => {
  it("numbers the random end of a temp folder's name and keeps the rest", () => {
    expect(
      value({
        dir: '/tmp/app-x7Yq2a',
        file: '/tmp/app-x7Yq2a/data/db.json',
        other: '/tmp/app-Zk81bc/db.json',
        msg: "ENOENT: no such file or directory, open '/tmp/app-x7Yq2a/a.txt'",
        url: 'file:///tmp/app-x7Yq2a/b',
        glued: '/tmp/appqwerty',
      }),
    ).toEqual({
      dir: '/tmp/app-<tmp:1>',
      file: '/tmp/app-<tmp:1>/data/db.json',
      glued: '/tmp/app<tmp:2>',
      msg: "ENOENT: no such file or directory, open '/tmp/app-<tmp:1>/a.txt'",
      other: '/tmp/app-<tmp:3>/db.json',
      url: 'file:///tmp/app-<tmp:1>/b',
    })
  })

  it('numbers random hex names and folders named after a uuid, a pid or a time', () => {
    expect(
      value([
        '/tmp/0123456789abcdef0123456789abcdef/x',
        '/tmp/run-1b4e28ba-2fa1-41d2-883f-0016d3cca427',
        '/tmp/worker-41001',
        `/tmp/build-${Date.UTC(2024, 5, 1, 10, 0, 3)}`,
      ]),
    ).toEqual(['/tmp/<tmp:1>/x', '/tmp/run-<uuid:1>', '/tmp/worker-<pid:1>', '/tmp/build-<time>'])
  })

  it('keeps temp folder names that are not random, so a difference in them shows', () => {
    expect(value(['/tmp/cache-dev', '/tmp/cache-prod/x', '/tmp/v2'])).toEqual([
      '/tmp/cache-dev',
      '/tmp/cache-prod/x',
      '/tmp/v2',
    ])
  })

  it('keeps the temp folder itself, so an inherited TMPDIR shows', () => {
    const inherited: VolatileHints = { ...hints, tmpDirs: ['/tmp', '/home/dev/app/.tmp'] }
    expect(value(['/tmp', '/home/dev/app/.tmp', '/home/dev/app/.tmp/x-Ab12cd/f'], inherited)).toEqual([
      '/tmp',
      '/home/dev/app/.tmp',
      '/home/dev/app/.tmp/x-<tmp:1>/f',
    ])
  })

  it('does not take a folder that merely starts like a temp folder for one', () => {
    expect(value(['/tmpfiles/abcdef', '/home/dev/tmp/abcdef', '/var/tmp/abcdef'])).toEqual([
      '/tmpfiles/abcdef',
      '/home/dev/tmp/abcdef',
      '/var/tmp/abcdef',
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
      '/tmp/fc-1/other',
    ])
  })

  it('replaces only paths in error.at, not its line number', () => {
    const [normalized] = normalizeRun(
      [
        outcome({
          status: 'threw',
          error: { name: 'Error', message: 'at 53211', at: '/tmp/x-1abcde/a.js:53211' },
        }),
      ],
      hints,
    )
    expect(normalized?.error).toEqual({
      name: 'Error',
      message: 'at <port:1>',
      at: '/tmp/x-<tmp:1>/a.js:53211',
    })
  })
})

describe('normalizeRun: runs with other folders', () => {
  it('replaces the folders of each run only, whatever ran before', () => {
    const other: VolatileHints = { ...hints, root: '/srv/other', tmpDirs: ['/var/tmp'] }
    const input = ['/home/dev/app/a.js', '/srv/other/b.js', '/tmp/app-x7Yq2a', '/var/tmp/app-x7Yq2a']
    for (let round = 0; round < 2; round++) {
      expect(value(input)).toEqual([
        '<root>/a.js',
        '/srv/other/b.js',
        '/tmp/app-<tmp:1>',
        '/var/tmp/app-x7Yq2a',
      ])
      expect(value(input, other)).toEqual([
        '/home/dev/app/a.js',
        '<root>/b.js',
        '/tmp/app-x7Yq2a',
        '/var/tmp/app-<tmp:1>',
      ])
    }
  })
})

describe('normalizeRun: ids and addresses', () => {
  it('replaces random UUIDs but keeps name-based, nil and max ones', () => {
    expect(
      value([
        '1b4e28ba-2fa1-41d2-883f-0016d3cca427',
        'req-1B4E28BA-2FA1-41D2-883F-0016D3CCA427 done',
        '018f9c6e-7c1a-7b3e-9f00-2f0c3a9d1e55',
        '886313e1-3b8a-5372-9b90-0c9aee199e5d',
        '00000000-0000-0000-0000-000000000000',
        'ffffffff-ffff-ffff-ffff-ffffffffffff',
      ]),
    ).toEqual([
      '<uuid:1>',
      'req-<uuid:1> done',
      '<uuid:2>',
      '886313e1-3b8a-5372-9b90-0c9aee199e5d',
      '00000000-0000-0000-0000-000000000000',
      'ffffffff-ffff-ffff-ffff-ffffffffffff',
    ])
  })

  it('replaces 64-bit memory addresses but not 32-bit constants', () => {
    expect(
      value(['buf at 0x7ffd5e8c1a2b', '0x7FFD5E8C1A2B', '0xff', '0xdeadbeef', `0x${'a'.repeat(40)}`]),
    ).toEqual(['buf at <addr:1>', '<addr:1>', '0xff', '0xdeadbeef', `0x${'a'.repeat(40)}`])
  })
})

describe('normalizeRun: durations', () => {
  it('replaces measured durations in text with one unnumbered placeholder', () => {
    expect(
      text('took 12.3ms\ndone in 45 ms\nbuild 1.2s\nfinished in 3s\nhttp +0ms\n120 µs\nload: 2.772ms'),
    ).toBe(
      'took <duration>\ndone in <duration>\nbuild <duration>\nfinished in <duration>\nhttp +<duration>\n<duration>\nload: <duration>',
    )
  })

  it('leaves text that only looks a bit like a duration alone', () => {
    expect(text('3s later, v1.2s, 5 seconds, 12msg')).toBe('3s later, v1.2s, 5 seconds, 12msg')
  })

  it('leaves a number before a word that starts like a unit alone: a date before a region is no duration', () => {
    expect(value(['2024-03-10 us-east-1', '2024-03-11 us-east-1', 'port 2 ns-1.awsdns'])).toEqual([
      '2024-03-10 us-east-1',
      '2024-03-11 us-east-1',
      'port 2 ns-1.awsdns',
    ])
  })

  it('keeps a string that is one whole-number duration: it reads as a setting', () => {
    expect(value({ timeout: '500ms', retry: '30s', took: '3.25ms', log: 'retry in 500ms' })).toEqual({
      log: 'retry in <duration>',
      retry: '30s',
      timeout: '500ms',
      took: '<duration>',
    })
  })
})

describe('normalizeRun: where values are replaced', () => {
  it('normalizes object keys that look volatile', () => {
    expect(value({ '41001': 'me', '/tmp/x-9abcde/a': 1, plain: 2 })).toEqual({
      '<pid:1>': 'me',
      '/tmp/x-<tmp:1>/a': 1,
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
      stderr: 'warning at <time>Z\n',
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
