import { types } from 'node:util'
import { serialize } from 'node:v8'
import { describe, expect, it } from 'vitest'
import { decodeInput, encodeInput } from '../../src/bootstrap/input.js'

const roundTrip = (value: unknown) => decodeInput(encodeInput(value))
const viaJson = (value: unknown) => encodeInput(value).startsWith('j')

function cyclic() {
  const node: { self?: unknown } = {}
  node.self = node
  return node
}

function sparse() {
  const list = [1, 2]
  list[4] = 5
  return list
}

function withExtraProperty() {
  const list: unknown[] & { label?: string } = [1]
  list.label = 'extra'
  return list
}

class Point {
  constructor(public x = 1) {}
}

describe('encodeInput and decodeInput', () => {
  it.each([
    ['a plain config', { port: 3000, hosts: ['a', 'b'], nested: { on: true, off: false, none: null } }],
    ['a string with a lone surrogate', { text: 'a\ud800b' }],
    ['an object without a prototype', Object.assign(Object.create(null), { a: 1 })],
    ['integer-like keys, in their order', { b: 1, 2: 'two', a: 3, 1: 'one' }],
    ['an own __proto__ key', JSON.parse('{"__proto__": {"x": 1}, "y": 2}')],
    ['nested arrays', [[1, [2, [3]]], [], {}]],
    ['a toJSON that is not a function', { toJSON: 1 }],
    ['a bare string', 'hello'],
  ])('carries %s as JSON, equal to its structured clone', (_, value) => {
    expect(viaJson(value)).toBe(true)
    expect(roundTrip(value)).toStrictEqual(structuredClone(value))
  })

  it.each([
    ['a Map', new Map([['a', 1]])],
    ['a Set', new Set([1])],
    ['a Date', new Date(0)],
    ['a property that is undefined', { a: undefined }],
    ['undefined in an array', [undefined]],
    ['-0', { zero: -0 }],
    ['NaN', { n: Number.NaN }],
    ['Infinity', [Number.POSITIVE_INFINITY]],
    ['a bigint', { big: 10n }],
    ['a sparse array', sparse()],
    ['an array with an extra property', withExtraProperty()],
    ['a class instance', new Point()],
    ['a typed array', new Uint8Array([1, 2])],
    ['an error', new Error('boom')],
    ['a boxed string', { boxed: Object('s') }],
    ['nesting deeper than JSON is checked', JSON.parse(`${'['.repeat(150)}${']'.repeat(150)}`)],
    ['a long array', Array.from({ length: 20_000 }, (_, index) => index)],
  ])('carries %s v8-serialized, equal to its structured clone', (_, value) => {
    expect(viaJson(value)).toBe(false)
    expect(roundTrip(value)).toStrictEqual(structuredClone(value))
  })

  it('keeps shared and cyclic references as structured clone does', () => {
    const shared = { n: 1 }
    const copy = roundTrip({ a: shared, b: shared }) as { a: object; b: object }
    expect(copy.a).toBe(copy.b)
    const cycle = roundTrip(cyclic()) as { self: unknown }
    expect(cycle.self).toBe(cycle)
  })

  it('never reads an accessor for the JSON check: v8 reads it, once', () => {
    let reads = 0
    const value = {
      get port() {
        reads += 1
        return 3000
      },
    }
    expect(roundTrip(value)).toStrictEqual({ port: 3000 })
    expect(reads).toBe(1)
  })

  it('copies exactly while user code has replaced JSON or given the prototypes a toJSON', () => {
    const objects = Object.prototype as { toJSON?: () => string }
    const arrays = Array.prototype as { toJSON?: () => string }
    const { parse, stringify } = JSON
    objects.toJSON = () => 'replaced'
    arrays.toJSON = () => 'replaced'
    JSON.stringify = () => '"replaced"'
    JSON.parse = () => 'replaced'
    try {
      expect(viaJson({ a: [1] })).toBe(true)
      expect(roundTrip({ a: [1] })).toStrictEqual({ a: [1] })
      expect(Object.hasOwn(objects, 'toJSON') && Object.hasOwn(arrays, 'toJSON')).toBe(true)
    } finally {
      Object.assign(JSON, { parse, stringify })
      delete objects.toJSON
      delete arrays.toJSON
    }
  })

  it.each([
    ['a function', { run: () => 1 }],
    ['a symbol', { id: Symbol('id') }],
    ['a proxy', new Proxy({ a: 1 }, {})],
    [
      'the arguments object',
      (function (this: unknown, ..._: unknown[]) {
        // biome-ignore lint/complexity/noArguments: the arguments object itself is the case
        return arguments
      })(1, 2),
    ],
  ])('throws what v8 throws for %s', (_, value) => {
    const expected = (() => {
      try {
        serialize(value)
      } catch (error) {
        return error
      }
      return undefined
    })()
    expect(expected).toBeInstanceOf(Error)
    expect(() => encodeInput(value)).toThrow((expected as Error).message)
  })

  it('throws what v8 throws for a module namespace of plain values', async () => {
    const source = 'data:text/javascript,export const port = 3000'
    const namespace: object = await import(source)
    expect(types.isModuleNamespaceObject(namespace)).toBe(true)
    expect(() => serialize(namespace)).toThrow()
    expect(() => encodeInput(namespace)).toThrow()
  })
})
