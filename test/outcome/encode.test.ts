import { Buffer } from 'node:buffer'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import { encodeError, encodeValue } from '../../src/outcome/encode.js'

describe('encodeValue', () => {
  it('keeps JSON values as they are, with key order', () => {
    const value = { b: 1, a: ['x', true, null, { c: 2.5 }] }
    const encoded = encodeValue(value)
    expect(encoded).toEqual(value)
    expect(Object.keys(encoded as object)).toEqual(['b', 'a'])
  })

  it('tags undefined, also inside arrays and objects', () => {
    expect(encodeValue(undefined)).toEqual({ $type: 'undefined' })
    expect(encodeValue([undefined])).toEqual([{ $type: 'undefined' }])
    expect(encodeValue({ a: undefined })).toEqual({ a: { $type: 'undefined' } })
  })

  it('tags numbers JSON cannot hold', () => {
    expect(encodeValue(Number.NaN)).toEqual({ $type: 'number', value: 'NaN' })
    expect(encodeValue(Number.POSITIVE_INFINITY)).toEqual({ $type: 'number', value: 'Infinity' })
    expect(encodeValue(Number.NEGATIVE_INFINITY)).toEqual({ $type: 'number', value: '-Infinity' })
    expect(encodeValue(-0)).toEqual({ $type: 'number', value: '-0' })
    expect(encodeValue(0)).toBe(0)
    expect(encodeValue(-1.5)).toBe(-1.5)
  })

  it('tags bigints as decimal strings', () => {
    expect(encodeValue(12345678901234567890n)).toEqual({ $type: 'bigint', value: '12345678901234567890' })
    expect(encodeValue(-3n)).toEqual({ $type: 'bigint', value: '-3' })
  })

  it('tags valid and invalid dates', () => {
    expect(encodeValue(new Date(0))).toEqual({ $type: 'Date', iso: '1970-01-01T00:00:00.000Z' })
    expect(encodeValue(new Date(Number.NaN))).toEqual({ $type: 'Date', invalid: true })
  })

  it('tags regular expressions with source and flags', () => {
    expect(encodeValue(/a+b/gi)).toEqual({ $type: 'RegExp', source: 'a+b', flags: 'gi' })
  })

  it('tags maps and sets, encoding keys and values', () => {
    const map = new Map<unknown, unknown>([
      ['a', 1],
      [{ k: 1 }, new Set([1n])],
    ])
    expect(encodeValue(map)).toEqual({
      $type: 'Map',
      entries: [
        ['a', 1],
        [{ k: 1 }, { $type: 'Set', values: [{ $type: 'bigint', value: '1' }] }],
      ],
    })
    expect(encodeValue(new Set(['x', undefined]))).toEqual({
      $type: 'Set',
      values: ['x', { $type: 'undefined' }],
    })
  })

  it('tags errors with name, message and code, never the stack', () => {
    const error = Object.assign(new TypeError('bad input'), { code: 'E_BAD' })
    expect(encodeValue(error)).toEqual({
      $type: 'Error',
      name: 'TypeError',
      message: 'bad input',
      code: 'E_BAD',
    })
    expect(encodeValue(new Error('plain'))).toEqual({ $type: 'Error', name: 'Error', message: 'plain' })
  })

  it('encodes the cause of an error', () => {
    const error = new Error('outer', { cause: new RangeError('inner') })
    expect(encodeValue(error)).toMatchObject({
      cause: { $type: 'Error', name: 'RangeError', message: 'inner' },
    })
  })

  it('tags binary data with kind, length and hex of the viewed bytes', () => {
    const buffer = new Uint8Array([0, 1, 2, 255, 4]).buffer
    expect(encodeValue(buffer)).toEqual({ $type: 'bytes', kind: 'ArrayBuffer', length: 5, hex: '000102ff04' })
    expect(encodeValue(new Uint8Array(buffer, 1, 3))).toEqual({
      $type: 'bytes',
      kind: 'Uint8Array',
      length: 3,
      hex: '0102ff',
    })
    expect(encodeValue(new DataView(buffer, 3))).toEqual({
      $type: 'bytes',
      kind: 'DataView',
      length: 2,
      hex: 'ff04',
    })
    expect(encodeValue(Buffer.from('hi'))).toEqual({ $type: 'bytes', kind: 'Buffer', length: 2, hex: '6869' })
    expect(encodeValue(new Uint16Array([1]))).toMatchObject({ kind: 'Uint16Array', length: 2 })
    expect(encodeValue(new Float64Array(1))).toMatchObject({ kind: 'Float64Array', length: 8 })
  })

  it('caps the hex of large binary data but keeps its full length', () => {
    const encoded = encodeValue(new Uint8Array(5000)) as { hex: string; length: number }
    expect(encoded.length).toBe(5000)
    expect(encoded.hex).toHaveLength(2048)
  })

  it('marks a reference back to an ancestor as circular', () => {
    const root: Record<string, unknown> = { name: 'root' }
    root.self = root
    root.child = { parent: root }
    expect(encodeValue(root)).toEqual({
      name: 'root',
      self: { $type: 'circular', up: 1 },
      child: { parent: { $type: 'circular', up: 2 } },
    })
    const list: unknown[] = []
    list.push(list)
    expect(encodeValue(list)).toEqual([{ $type: 'circular', up: 1 }])
  })

  it('encodes an object seen twice but not on the path in full each time', () => {
    const shared = { a: 1 }
    expect(encodeValue({ x: shared, y: shared })).toEqual({ x: { a: 1 }, y: { a: 1 } })
  })

  it('tags boxed primitives', () => {
    expect(encodeValue(Object(1))).toEqual({ $type: 'boxed', value: 1 })
    expect(encodeValue(Object('s'))).toEqual({ $type: 'boxed', value: 's' })
    expect(encodeValue(Object(false))).toEqual({ $type: 'boxed', value: false })
    expect(encodeValue(Object(2n))).toEqual({ $type: 'boxed', value: { $type: 'bigint', value: '2' } })
  })

  it('escapes plain objects that own a `$type` key', () => {
    expect(encodeValue({ $type: 'Date', iso: 'x' })).toEqual({
      $type: 'object',
      entries: [
        ['$type', 'Date'],
        ['iso', 'x'],
      ],
    })
  })

  it('keeps holes of sparse arrays apart from undefined', () => {
    const sparse: unknown[] = []
    sparse[3] = 'x'
    expect(encodeValue(sparse)).toEqual({ $type: 'sparse', length: 4, entries: [[3, 'x']] })
    const huge: unknown[] = []
    huge[1e9] = 1
    expect(encodeValue(huge)).toEqual({ $type: 'sparse', length: 1e9 + 1, entries: [[1e9, 1]] })
  })

  it('encodes class instances as their own enumerable fields, like structured clone', () => {
    class Point {
      constructor(
        public x: number,
        public y: number,
      ) {}
    }
    expect(encodeValue(new Point(1, 2))).toEqual({ x: 1, y: 2 })
  })

  it('never throws on values structured clone would refuse', () => {
    expect(encodeValue(Symbol('s'))).toEqual({ $type: 'symbol', description: 's' })
    expect(encodeValue(function named() {})).toEqual({ $type: 'function', name: 'named' })
  })

  it('produces JSON-safe output', () => {
    const value = { a: new Map([[1, new Date(5)]]), b: [Number.NaN, 1n, undefined], c: /x/ }
    const encoded = encodeValue(value)
    expect(JSON.parse(JSON.stringify(encoded))).toEqual(encoded)
  })
})

describe('encodeError', () => {
  const root = '/home/dev/app'
  const harnessDir = '/home/dev/app/node_modules/.pnpm/forkcheck@1/dist'

  function errorWithStack(stack: string, extra: object = {}): Error {
    const error = Object.assign(new Error('boom'), extra)
    error.stack = stack
    return error
  }

  it('describes name, message and a string code', () => {
    const error = Object.assign(new RangeError('out of range'), { code: 'ERR_OUT_OF_RANGE' })
    expect(encodeError(error, root)).toMatchObject({
      name: 'RangeError',
      message: 'out of range',
      code: 'ERR_OUT_OF_RANGE',
    })
  })

  it('keeps the errors it wraps: each cause and the errors of an AggregateError, without their stacks', () => {
    const enoent = Object.assign(new Error("ENOENT: no such file, open 'app.json'"), { code: 'ENOENT' })
    const wrapped = new Error('could not load the app', {
      cause: new Error('config missing', { cause: enoent }),
    })
    const info = encodeError(wrapped, root)
    expect(info.stack).toBeDefined()
    expect(info.cause).toMatchObject({ name: 'Error', message: 'config missing' })
    expect(info.cause?.cause).toMatchObject({
      message: "ENOENT: no such file, open 'app.json'",
      code: 'ENOENT',
    })
    expect(info.cause).not.toHaveProperty('stack')
    const many = encodeError(new AggregateError([new TypeError('a'), 'b'], 'both failed'), root)
    expect(many.errors).toMatchObject([
      { name: 'TypeError', message: 'a' },
      { name: 'NonError', message: 'b' },
    ])
  })

  it('stops at cycles and at five causes deep', () => {
    const cyclic = new Error('outer')
    cyclic.cause = new Error('inner', { cause: cyclic })
    const info = encodeError(cyclic, root)
    expect(info.cause?.message).toBe('inner')
    expect(info.cause).not.toHaveProperty('cause')
    let deep: unknown = 'bottom'
    for (let level = 0; level < 10; level++) deep = new Error(`level ${level}`, { cause: deep })
    let depth = 0
    for (let item = encodeError(deep, root).cause; item !== undefined; item = item.cause) depth++
    expect(depth).toBe(5)
  })

  it('turns a numeric code into a string and leaves a missing code out', () => {
    expect(encodeError(Object.assign(new Error('x'), { code: 42 }), root).code).toBe('42')
    expect(encodeError(new Error('x'), root)).not.toHaveProperty('code')
  })

  it('points `at` at the first frame in user code, skipping Node and harness frames', () => {
    const stack = [
      'Error: boom',
      '    at Object.readFileSync (node:fs:448:20)',
      '    at internal/modules/cjs/loader.js:10:3',
      '    at helper (/home/dev/app/node_modules/forkcheck/dist/child/run.js:10:3)',
      `    at run (${harnessDir}/child/bootstrap.js:20:5)`,
      '    at loadConfig (/home/dev/app/src/config.ts:4:11)',
      '    at main (/home/dev/app/src/main.ts:9:1)',
    ].join('\n')
    expect(encodeError(errorWithStack(stack), root, harnessDir).at).toBe('src/config.ts:4')
  })

  it('reads ESM file URLs, async frames and frames without a function name', () => {
    const url = pathToFileURL(join(root, 'src', 'a b.mjs')).href
    const stack = `Error: boom\n    at async ${url}:7:3`
    expect(encodeError(errorWithStack(stack), root).at).toBe('src/a b.mjs:7')
    const bare = 'Error: boom\n    at /home/dev/app/lib/x.js:2:9'
    expect(encodeError(errorWithStack(bare), root).at).toBe('lib/x.js:2')
  })

  it('reads the caller location of eval frames', () => {
    const stack = 'Error: boom\n    at eval (eval at load (/home/dev/app/src/load.js:3:5), <anonymous>:1:7)'
    expect(encodeError(errorWithStack(stack), root).at).toBe('src/load.js:3')
  })

  it('keeps paths outside the root absolute', () => {
    const stack = 'Error: boom\n    at f (/opt/lib/x.js:5:1)'
    expect(encodeError(errorWithStack(stack), root).at).toBe('/opt/lib/x.js:5')
  })

  it('leaves `at` out when no frame is user code', () => {
    const stack = 'Error: boom\n    at node:internal/main:1:1\n    at new Promise (<anonymous>)'
    expect(encodeError(errorWithStack(stack), root)).not.toHaveProperty('at')
  })

  it('removes harness frames from the stack and makes root paths relative', () => {
    const url = pathToFileURL(join(root, 'src', 'b.ts')).href
    const stack = [
      'Error: boom /home/dev/app/x',
      `    at f (${url}:1:2)`,
      '    at g (/home/dev/app/node_modules/forkcheck/dist/child.js:1:1)',
      `    at h (${harnessDir}/x.js:1:1)`,
      '    at processTicksAndRejections (node:internal/process/task_queues:95:5)',
    ].join('\n')
    expect(encodeError(errorWithStack(stack), root, harnessDir).stack).toBe(
      [
        'Error: boom x',
        '    at f (src/b.ts:1:2)',
        '    at processTicksAndRejections (node:internal/process/task_queues:95:5)',
      ].join('\n'),
    )
  })

  it('finds the frame of a real thrown error', () => {
    const info = encodeError(new Error('real'), process.cwd())
    expect(info.at).toMatch(/^test\/outcome\/encode\.test\.ts:\d+$/)
  })

  it('describes thrown strings, undefined and plain values', () => {
    expect(encodeError('boom', root)).toEqual({ name: 'NonError', message: 'boom' })
    expect(encodeError(undefined, root)).toEqual({ name: 'NonError', message: '{"$type":"undefined"}' })
    expect(encodeError(null, root)).toEqual({ name: 'NonError', message: 'null' })
    expect(encodeError(42, root)).toEqual({ name: 'NonError', message: '42' })
    expect(encodeError({ status: 500 }, root)).toEqual({ name: 'NonError', message: '{"status":500}' })
  })

  it('treats objects with a string message as errors', () => {
    expect(encodeError({ name: 'HttpError', message: 'nope', code: 'E404' }, root)).toEqual({
      name: 'HttpError',
      message: 'nope',
      code: 'E404',
    })
    expect(encodeError({ message: 'no name' }, root).name).toBe('NonError')
  })

  it('survives getters that throw', () => {
    const error = new Error('x')
    Object.defineProperty(error, 'code', {
      get() {
        throw new Error('no')
      },
    })
    expect(encodeError(error, root)).toMatchObject({ name: 'Error', message: 'x' })
  })

  it('shortens long descriptions of thrown values', () => {
    expect(encodeError({ text: 'x'.repeat(5000) }, root).message.length).toBeLessThanOrEqual(1001)
  })
})
