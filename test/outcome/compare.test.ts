import { describe, expect, it } from 'vitest'
import {
  cameBackIdentical,
  canonicalKey,
  classify,
  classifyRuns,
  matchesReference,
} from '../../src/outcome/compare.js'
import type { ComparableOutcome, VolatileHints } from '../../src/outcome/contract.js'
import { normalizeRun } from '../../src/outcome/normalize.js'
import type { ChildOutcome, PlainValue } from '../../src/types.js'

function outcome(fields: Partial<ComparableOutcome> = {}): ComparableOutcome {
  return {
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

/** One run whose workers returned these values, sorted the way normalizeRun sorts. */
function run(...values: PlainValue[]): ComparableOutcome[] {
  return sorted(values.map((value) => outcome({ value })))
}

function sorted(outcomes: ComparableOutcome[]): ComparableOutcome[] {
  return [...outcomes].sort((a, b) => (canonicalKey(a) < canonicalKey(b) ? -1 : 1))
}

describe('canonicalKey', () => {
  it('ignores object key order', () => {
    const a = outcome({ value: { x: 1, y: { p: 1, q: 2 } } })
    const b = { ...outcome(), value: { y: { q: 2, p: 1 }, x: 1 } }
    expect(canonicalKey(a)).toBe(canonicalKey(b))
  })

  it('tells apart outcomes that differ anywhere, including array order', () => {
    const keys = [
      outcome(),
      outcome({ value: [1, 2] }),
      outcome({ value: [2, 1] }),
      outcome({ stdout: 'x' }),
      outcome({ status: 'threw', error: { name: 'Error', message: 'x' } }),
      outcome({ exitHooks: { exit: true, beforeExit: false } }),
    ].map(canonicalKey)
    expect(new Set(keys).size).toBe(keys.length)
  })
})

describe('classify', () => {
  it('finds identical runs the same', () => {
    const result = classify([run({ a: 1 }), run({ a: 1 })], [run({ a: 1 })])
    expect(result).toEqual({ verdict: 'same', diffs: [], variations: [], masked: [] })
  })

  it('compares workers as a multiset, whatever their order', () => {
    const forkRun = [outcome({ value: 'a' }), outcome({ value: 'b' })]
    const spawnRun = [outcome({ value: 'b' }), outcome({ value: 'a' })]
    expect(classify([forkRun], [spawnRun]).verdict).toBe('same')
  })

  it('reports a difference at a path with both values', () => {
    const result = classify([run({ user: { name: 'admin' } })], [run({ user: { name: 'guest' } })])
    expect(result.verdict).toBe('differs')
    expect(result.diffs).toEqual([{ path: '[0].value.user.name', fork: 'admin', spawn: 'guest' }])
  })

  it('calls any difference `differs` with one run per mode', () => {
    const result = classify([run({ id: 'r1', env: 'x' })], [run({ id: 'r2', env: 'x' })])
    expect(result.verdict).toBe('differs')
    expect(result.diffs.map((diff) => diff.path)).toEqual(['[0].value.id'])
  })

  it('reports status, error and output differences of whole outcomes', () => {
    const fork = [[outcome({ value: 1, stdout: 'ok\n' })]]
    const spawn = [[outcome({ status: 'threw', error: { name: 'TypeError', message: 'no' }, exitCode: 1 })]]
    expect(classify(fork, spawn).diffs).toEqual([
      // What one side lacks entirely is one diff of the whole value, not one per field below it.
      { path: '[0].error', fork: undefined, spawn: { name: 'TypeError', message: 'no' } },
      { path: '[0].exitCode', fork: 0, spawn: 1 },
      { path: '[0].status', fork: 'returned', spawn: 'threw' },
      { path: '[0].stdout', fork: 'ok\n', spawn: '' },
      { path: '[0].value', fork: 1, spawn: undefined },
    ])
  })

  it('tells an empty object, an empty array and a missing value apart', () => {
    expect(classify([run({})], [run([])]).diffs).toEqual([{ path: '[0].value', fork: {}, spawn: [] }])
    expect(classify([run({ a: {} })], [[outcome()]]).diffs).toEqual([
      { path: '[0].value', fork: { a: {} }, spawn: undefined },
    ])
  })

  it('compares a tagged scalar whole: `true` against `undefined` is one diff, not `.$type`', () => {
    const result = classify(
      [run({ enabled: true, big: { $type: 'bigint', value: '1' } })],
      [run({ enabled: { $type: 'undefined' }, big: { $type: 'bigint', value: '2' } })],
    )
    expect(result.diffs).toEqual([
      {
        path: '[0].value.big',
        fork: { $type: 'bigint', value: '1' },
        spawn: { $type: 'bigint', value: '2' },
      },
      { path: '[0].value.enabled', fork: true, spawn: { $type: 'undefined' } },
    ])
    // Tags that hold values still diff inside: one entry of a Map, not the whole Map.
    const map = (value: number): PlainValue => ({
      $type: 'Map',
      entries: [
        ['a', 1],
        ['b', value],
      ],
    })
    expect(classify([run(map(2))], [run(map(3))]).diffs).toEqual([
      { path: '[0].value.entries[1][1]', fork: 2, spawn: 3 },
    ])
  })

  it('shows a leaf against what holds more as one diff of both whole values', () => {
    expect(classify([run(['NODE_ENV'])], [run([])]).diffs).toEqual([
      { path: '[0].value', fork: ['NODE_ENV'], spawn: [] },
    ])
    const fork = run({ tls: true, 'a.b': 1 })
    const spawn = run({ tls: { ca: ['x', { $type: 'undefined' }], rejectUnauthorized: false }, 'a.b': 1 })
    expect(classify([fork], [spawn]).diffs).toEqual([
      {
        path: '[0].value.tls',
        fork: true,
        spawn: { ca: ['x', { $type: 'undefined' }], rejectUnauthorized: false },
      },
    ])
  })

  it('quotes keys that are not identifiers', () => {
    const result = classify([run({ 'a.b': 1, '0': 2 })], [run({ 'a.b': 3, '0': 2 })])
    expect(result.diffs).toEqual([{ path: '[0].value["a.b"]', fork: 1, spawn: 3 }])
  })

  it('sorts diffs by path and caps them', () => {
    const many = (base: number) =>
      Object.fromEntries(Array.from({ length: 80 }, (_, i) => [`k${i}`, base + i]))
    const result = classify([run(many(0))], [run(many(1000))])
    expect(result.diffs).toHaveLength(50)
    // Numbers in paths by value: k2 before k10.
    expect(result.diffs.map((diff) => diff.path)).toEqual(
      Array.from({ length: 50 }, (_, i) => `[0].value.k${i}`),
    )
    expect(result.unlistedDiffs).toBe(30)
    expect(classify([run(many(0))], [run(many(0))]).unlistedDiffs).toBeUndefined()
  })

  it('masks a field that varies within a mode and calls it flaky', () => {
    const result = classify(
      [run({ id: 'r1', ok: true }), run({ id: 'r2', ok: true })],
      [run({ id: 'r3', ok: true })],
    )
    expect(result.verdict).toBe('flaky')
    expect(result.diffs).toEqual([])
    expect(result.masked).toEqual(['[0].value.id'])
    expect(result.variations).toEqual([{ mode: 'fork', path: '[0].value.id', counts: [1, 1] }])
  })

  it('calls a stable difference `differs` even when a random field varies too', () => {
    const fork = [run({ id: 'r1', db: 'postgres://x' }), run({ id: 'r2', db: 'postgres://x' })]
    const spawn = [run({ id: 'r3', db: null }), run({ id: 'r4', db: null })]
    const result = classify(fork, spawn)
    expect(result.verdict).toBe('differs')
    expect(result.diffs).toEqual([{ path: '[0].value.db', fork: 'postgres://x', spawn: null }])
    expect(result.masked).toEqual(['[0].value.id'])
  })

  it('masks a field varying in one mode in both modes', () => {
    const fork = [run({ n: 1 }), run({ n: 1 })]
    const spawn = [run({ n: 2 }), run({ n: 3 })]
    const result = classify(fork, spawn)
    expect(result.verdict).toBe('flaky')
    expect(result.variations).toEqual([{ mode: 'spawn', path: '[0].value.n', counts: [1, 1] }])
  })

  it('counts runs per distinct value, most common first', () => {
    const result = classify([run('x'), run('y'), run('x')], [run('x')])
    expect(result.variations).toEqual([{ mode: 'fork', path: '[0].value', counts: [2, 1] }])
  })

  it('masks a noisy output line without masking the other lines', () => {
    const lines = (token: string, tier: string) => `request ${token}\ntier=${tier}\n`
    const fork = [[outcome({ stdout: lines('a1', 'gold') })], [outcome({ stdout: lines('a2', 'gold') })]]
    const spawn = [[outcome({ stdout: lines('a3', 'free') })], [outcome({ stdout: lines('a4', 'free') })]]
    const result = classify(fork, spawn)
    expect(result.verdict).toBe('differs')
    expect(result.masked).toEqual(['[0].stdout[0]'])
    // The stream is reported whole, as it reads, from the first run of each mode.
    expect(result.diffs).toEqual([
      { path: '[0].stdout', fork: 'request a1\ntier=gold\n', spawn: 'request a3\ntier=free\n' },
    ])
  })

  it('calls output flaky when only a noisy line varies', () => {
    const fork = [[outcome({ stderr: 'x 1\nok\n' })], [outcome({ stderr: 'x 2\nok\n' })]]
    const spawn = [[outcome({ stderr: 'x 3\nok\n' })], [outcome({ stderr: 'x 4\nok\n' })]]
    expect(classify(fork, spawn)).toMatchObject({
      verdict: 'flaky',
      variations: [
        { mode: 'fork', path: '[0].stderr[0]', counts: [1, 1] },
        { mode: 'spawn', path: '[0].stderr[0]', counts: [1, 1] },
      ],
    })
  })

  it('tells a missing final line break and an extra empty line apart', () => {
    const result = classify([[outcome({ stdout: 'a\n' })]], [[outcome({ stdout: 'a' })]])
    expect(result.diffs).toEqual([{ path: '[0].stdout', fork: 'a\n', spawn: 'a' }])
    expect(classify([[outcome({ stdout: '' })]], [[outcome({ stdout: '\n' })]]).verdict).toBe('differs')
  })

  it('reports output a worker lacks as absent', () => {
    const result = classify(
      [[outcome({ stdout: 'x\n' }), outcome({ stdout: 'y\n' })]],
      [[outcome({ stdout: 'x\n' })]],
    )
    expect(result.diffs).toContainEqual({ path: '[1].stdout', fork: 'y\n', spawn: undefined })
  })

  it('keeps workers aligned when a random field reorders them', () => {
    // Sorted by content, the random id decides which role lands at index 0 in each run.
    const fork = [
      run({ id: 'b1', role: 'reader' }, { id: 'a1', role: 'writer' }),
      run({ id: 'a2', role: 'reader' }, { id: 'b2', role: 'writer' }),
    ]
    const spawnSame = [
      run({ id: 'a3', role: 'reader' }, { id: 'b3', role: 'writer' }),
      run({ id: 'b4', role: 'reader' }, { id: 'a4', role: 'writer' }),
    ]
    const spawnOther = [
      run({ id: 'a5', role: 'reader' }, { id: 'b5', role: 'reader' }),
      run({ id: 'b6', role: 'reader' }, { id: 'a6', role: 'reader' }),
    ]
    expect(classify(fork, spawnSame).verdict).toBe('flaky')
    const result = classify(fork, spawnOther)
    expect(result.verdict).toBe('differs')
    expect(result.diffs).toEqual([{ path: '[1].value.role', fork: 'writer', spawn: 'reader' }])
  })

  it('finds a difference in how fields pair up across workers', () => {
    const fork = [run({ role: 'a', n: 1 }, { role: 'b', n: 2 })]
    const spawn = [run({ role: 'a', n: 2 }, { role: 'b', n: 1 })]
    expect(classify(fork, spawn).verdict).toBe('differs')
  })

  it('tells a shared port from one port each', () => {
    const shared = run({ port: '<port:1>' }, { port: '<port:1>' })
    const own = run({ port: '<port:1>' }, { port: '<port:2>' })
    const result = classify([shared, shared], [own, own])
    expect(result.verdict).toBe('differs')
    expect(result.diffs).toEqual([{ path: '[1].value.port', fork: '<port:1>', spawn: '<port:2>' }])
  })

  it('compares runs with different worker counts', () => {
    const result = classify([run('ok', 'ok')], [run('ok')])
    expect(result.verdict).toBe('differs')
    expect(result.diffs).toContainEqual({ path: '[1].status', fork: 'returned', spawn: undefined })
    expect(result.diffs).toContainEqual({ path: '[1].value', fork: 'ok', spawn: undefined })
  })

  it('calls a worker count that varies within a mode flaky', () => {
    const result = classify([run('ok', 'ok'), run('ok')], [run('ok', 'ok')])
    expect(result.verdict).toBe('flaky')
    expect(result.masked).toContain('[1].status')
  })

  it('handles a mode without runs', () => {
    expect(classify([run('ok')], []).verdict).toBe('differs')
    expect(classify([], []).verdict).toBe('same')
  })
})

describe('matchesReference', () => {
  const reference = [run({ db: 'x', id: 'r1' }), run({ db: 'x', id: 'r2' })]
  const masked = classify(reference, [run({ db: null, id: 'r3' })]).masked

  it('accepts a candidate that matches every stable field', () => {
    expect(matchesReference(reference, [run({ db: 'x', id: 'r9' })], masked)).toBe(true)
  })

  it('rejects a candidate that differs in a stable field', () => {
    expect(matchesReference(reference, [run({ db: null, id: 'r9' })], masked)).toBe(false)
  })

  it('requires every candidate run to match', () => {
    expect(
      matchesReference(reference, [run({ db: 'x', id: 'r9' }), run({ db: null, id: 'r8' })], masked),
    ).toBe(false)
  })

  it('rejects a candidate with another worker count', () => {
    expect(matchesReference(reference, [run({ db: 'x', id: 'r9' }, { db: 'x', id: 'r8' })], masked)).toBe(
      false,
    )
  })

  it('ignores fields that vary within the reference even when not masked', () => {
    expect(matchesReference(reference, [run({ db: 'x', id: 'r9' })], [])).toBe(true)
  })

  it('rejects when a masked field is the only thing left unmasked', () => {
    const oneRun = [run({ db: 'x', id: 'r1' })]
    expect(matchesReference(oneRun, [run({ db: 'x', id: 'r2' })], [])).toBe(false)
    expect(matchesReference(oneRun, [run({ db: 'x', id: 'r2' })], ['[0].value.id'])).toBe(true)
  })

  it('skips a noisy output line masked in the classification, but not the stable ones', () => {
    const noisy = (token: string, tier: string) => [outcome({ stdout: `id ${token}\ntier=${tier}\n` })]
    const fork = [noisy('a', 'gold'), noisy('b', 'gold')]
    const { masked } = classify(fork, [noisy('c', 'free'), noisy('d', 'free')])
    expect(matchesReference(fork, [noisy('e', 'gold')], masked)).toBe(true)
    expect(matchesReference(fork, [noisy('e', 'free')], masked)).toBe(false)
  })

  it('aligns trial workers the way the classification did', () => {
    const fork = [
      run({ id: 'b1', role: 'reader' }, { id: 'a1', role: 'writer' }),
      run({ id: 'a2', role: 'reader' }, { id: 'b2', role: 'writer' }),
    ]
    const spawn = [
      run({ id: 'a5', role: 'reader' }, { id: 'b5', role: 'reader' }),
      run({ id: 'b6', role: 'reader' }, { id: 'a6', role: 'reader' }),
    ]
    const { masked } = classify(fork, spawn)
    const trial = run({ id: 'z9', role: 'writer' }, { id: 'a0', role: 'reader' })
    expect(matchesReference(fork, [trial], masked)).toBe(true)
    expect(matchesReference(fork, [spawn[0]!], masked)).toBe(false)
  })

  it('rejects empty reference or candidate runs', () => {
    expect(matchesReference([], [run('x')], [])).toBe(false)
    expect(matchesReference([run('x')], [], [])).toBe(false)
  })
})

describe('normalizeRun then classify', () => {
  const now = Date.UTC(2024, 5, 1)
  const hintsFor = (pids: number[], ports: number[]): VolatileHints => ({
    pids,
    ports,
    root: '/app',
    tmpDirs: ['/tmp'],
    timeWindow: [now, now + 60_000],
  })

  function child(worker: number, value: PlainValue, stdout = ''): ChildOutcome {
    return { ...outcome({ value, stdout }), worker, durationMs: 10 + worker }
  }

  it('tells apart errors that differ only in what they wrap', () => {
    const threw = (code: string): ChildOutcome => ({
      ...outcome({ status: 'threw', exitCode: 1 }),
      worker: 0,
      error: {
        name: 'Error',
        message: 'could not load the app',
        cause: { name: 'Error', message: 'failed', code },
      },
    })
    const hints = hintsFor([], [])
    const result = classify(
      [normalizeRun([threw('ENOENT')], hints)],
      [normalizeRun([threw('EACCES')], hints)],
    )
    expect(result.verdict).toBe('differs')
    expect(result.diffs).toEqual([{ path: '[0].error.cause.code', fork: 'ENOENT', spawn: 'EACCES' }])
  })

  it('finds the same outcome when only volatile values change', () => {
    const fork = normalizeRun(
      [child(1, { port: 40001, pid: 501, at: now + 5 }, 'listening on :40001 (took 3ms)')],
      hintsFor([501], [40001]),
    )
    const spawn = normalizeRun(
      [child(0, { port: 40777, pid: 902, at: now + 9 }, 'listening on :40777 (took 12ms)')],
      hintsFor([902], [40777]),
    )
    expect(classify([fork], [spawn]).verdict).toBe('same')
  })

  it('does not turn a millisecond tick between two clock readings into a difference', () => {
    const readings = (start: number, end: number) =>
      normalizeRun([child(0, { start: now + start, end: now + end })], hintsFor([], []))
    // Fork-like readings met within one millisecond in both runs, spawn-like ones did not.
    expect(classify([readings(5, 5), readings(7, 7)], [readings(5, 6), readings(9, 10)]).verdict).toBe('same')
  })

  it('keeps a temp folder inherited through TMPDIR visible', () => {
    const withTmp = (tmpDirs: string[], dir: string) =>
      normalizeRun([child(0, { tmpdir: dir, file: `${dir}/job-Ab12cd/out.json` })], {
        ...hintsFor([], []),
        tmpDirs,
      })
    const fork = withTmp(['/tmp', '/app/.cache/tmp'], '/app/.cache/tmp')
    const spawn = withTmp(['/tmp'], '/tmp')
    expect(classify([fork, fork], [spawn, spawn]).diffs).toEqual([
      {
        path: '[0].value.file',
        fork: '/app/.cache/tmp/job-<tmp:1>/out.json',
        spawn: '/tmp/job-<tmp:1>/out.json',
      },
      { path: '[0].value.tmpdir', fork: '/app/.cache/tmp', spawn: '/tmp' },
    ])
  })

  it('finds a shared listen port in fork-like workers against one port each in spawn-like ones', () => {
    const fork = normalizeRun([child(1, { port: 40001 }), child(0, { port: 40001 })], hintsFor([], [40001]))
    const spawn = normalizeRun(
      [child(0, { port: 40002 }), child(1, { port: 40003 })],
      hintsFor([], [40002, 40003]),
    )
    expect(classify([fork], [spawn])).toMatchObject({
      verdict: 'differs',
      diffs: [{ path: '[1].value.port', fork: '<port:1>', spawn: '<port:2>' }],
    })
  })
})

describe('classifyRuns', () => {
  const now = Date.UTC(2024, 5, 1)
  const hintsFor = (pids: number[]): VolatileHints => ({
    pids,
    ports: [],
    root: '/app',
    tmpDirs: ['/tmp'],
    timeWindow: [now, now + 60_000],
  })
  const returned = (value: PlainValue): ChildOutcome => ({ ...outcome({ value }), worker: 0 })
  /** One mode's runs: each run one worker that returned `value`, with that run's pids. */
  const side = (value: PlainValue, ...pidsPerRun: number[][]) => {
    const raw = pidsPerRun.map(() => [returned(value)])
    return {
      raw,
      normalized: raw.map((outcomes, index) => normalizeRun(outcomes, hintsFor(pidsPerRun[index]!))),
    }
  }

  it('finds a value that equals a pid of one run alone the same: normalization only removes differences', () => {
    // `child: () => 572` where the spawn-like child's parent happened to be pid 572 in the first run.
    const fork = side(572, [30001, 30002], [30005, 30006])
    const spawn = side(572, [572, 30003], [30007, 30008])
    expect(classify(fork.normalized, spawn.normalized).verdict).toBe('flaky')
    expect(classifyRuns(fork, spawn)).toEqual({ verdict: 'same', diffs: [], variations: [], masked: [] })
  })

  it('still finds the same when only volatile values differ as they came back', () => {
    const fork = side(30001, [30001])
    const spawn = side(30002, [30002])
    expect(classifyRuns(fork, spawn).verdict).toBe('same')
  })

  it('keeps a real difference, and the variation of a value that is not a pid', () => {
    expect(classifyRuns(side('fork-like', [30001]), side('spawn-like', [30002]))).toMatchObject({
      verdict: 'differs',
      diffs: [{ path: '[0].value', fork: 'fork-like', spawn: 'spawn-like' }],
    })
    const varying = { raw: [[returned(1)], [returned(2)]], normalized: [run(1), run(2)] }
    expect(classifyRuns(varying, varying).verdict).toBe('flaky')
  })

  it('tells runs that came back identical (a bisection trial that matched exactly) from others', () => {
    expect(cameBackIdentical([[returned(572)], [returned(572)]])).toBe(true)
    expect(cameBackIdentical([[returned(572)], [{ ...returned(572), stdout: 'x' }]])).toBe(false)
    // Never compared: how long child() took does not make runs different.
    expect(cameBackIdentical([[returned(1)], [{ ...returned(1), durationMs: 99 }]])).toBe(true)
    expect(cameBackIdentical([])).toBe(false)
  })
})
