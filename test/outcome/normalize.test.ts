import { describe, expect, it } from 'vitest'
import { normalizeRun } from '../../src/outcome/normalize.js'
import { hints, outcome, values } from './outcomes.js'

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
