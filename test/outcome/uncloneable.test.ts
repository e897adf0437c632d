import { describe, expect, it } from 'vitest'
import {
  describePrivateState,
  describeUncloneable,
  findUncloneablePart,
} from '../../src/outcome/uncloneable.js'

/** What structured clone throws for `value`. */
function cloneError(value: unknown): unknown {
  try {
    structuredClone(value)
  } catch (error) {
    return error
  }
  throw new Error('the value cloned')
}

describe('findUncloneablePart', () => {
  it.each([
    [
      'a Proxy (what the `config` package returns)',
      new Proxy({ host: 'x' }, {}),
      'the value itself is a Proxy',
    ],
    ['a function in an object', { db: { connect() {} } }, '`value.db.connect` is a function'],
    ['a symbol in an array', [1, Symbol('x')], '`value[1]` is a symbol'],
    ['an odd key', { 'a-b': () => 1 }, '`value["a-b"]` is a function'],
    ['a Promise', { ready: Promise.resolve(1) }, '`value.ready` is a Promise (await it)'],
    ['a value in a Map', new Map([['pool', { end() {} }]]), '`value.get("pool").end` is a function'],
    ['a key of a Map', new Map([[() => 1, 1]]), '`value.keys()[0]` is a function'],
    ['an item of a Set', { seen: new Set([1, new WeakMap()]) }, '`value.seen.values()[1]` is a WeakMap'],
    ['a host object', { ref: new WeakRef({}) }, '`value.ref` (WeakRef) cannot be cloned'],
  ])('finds %s', (_, value, found) => {
    cloneError(value)
    expect(findUncloneablePart(value)).toBe(found)
  })

  it('names a getter that throws, and a revoked Proxy, without throwing itself', () => {
    const getter = {
      get broken(): never {
        throw new Error('getter failed')
      },
    }
    expect(findUncloneablePart({ config: getter })).toBe(
      'reading `value.config.broken` threw Error: getter failed',
    )
    const { proxy, revoke } = Proxy.revocable({}, {})
    revoke()
    expect(findUncloneablePart([proxy])).toBe('`value[0]` is a Proxy')
    expect(describeUncloneable('child()', getter, cloneError(getter))).toBe(
      'child() returned a value that cannot be structured-cloned: reading `value.broken` threw Error: getter failed. ' +
        'Return plain data: copy the fields to compare, e.g. `{ ...value }` for a class instance.',
    )
    expect(describePrivateState('parent()', { proxy, getter })).toBeUndefined()
  })

  it('survives cycles and finds nothing in what clones', () => {
    const cyclic: Record<string, unknown> = { a: [1, new Date(0)] }
    cyclic.self = cyclic
    expect(findUncloneablePart(cyclic)).toBeUndefined()
  })
})

describe('describeUncloneable', () => {
  it('names the hook, the part, the clone error and what to return', () => {
    const value = { db: new Proxy({}, {}) }
    expect(describeUncloneable('child()', value, cloneError(value))).toBe(
      'child() returned a value that cannot be structured-cloned: `value.db` is a Proxy (#<Object> could not be cloned). ' +
        'Return plain data: copy the fields to compare, e.g. `{ ...value }` for a class instance.',
    )
  })

  it("leaves out a function's source text, which clone gives as its reason", () => {
    const value = {
      onConnection(socket: unknown) {
        return socket
      },
    }
    expect(describeUncloneable('parent()', value, cloneError(value))).toBe(
      'parent() returned a value that cannot be structured-cloned: `value.onConnection` is a function. ' +
        'Return plain data: copy the fields to compare, e.g. `{ ...value }` for a class instance.',
    )
  })
})

describe('describeUncloneable of a value nested too deeply', () => {
  it('says so instead of naming a part', () => {
    let chain: unknown = 'leaf'
    for (let index = 0; index < 200_000; index++) chain = { next: chain }
    expect(describeUncloneable('child()', chain, cloneError(chain))).toBe(
      'child() returned a value nested too deeply to copy (the stack ran out: thousands of levels). ' +
        'Return a flatter value, e.g. a list instead of a chain of nested objects.',
    )
  })
})

describe('describePrivateState', () => {
  it('names the part of a parent() result no child could get, on every Node', () => {
    expect(describePrivateState('parent()', { api: [new URL('http://a/')] })).toBe(
      'parent() returned a value that structured clone cannot copy: `value.api[0]` is a URL, which keeps its state private. ' +
        'Return its plain form: `url.href` for a URL, `Object.fromEntries(headers)` for Headers or URLSearchParams, ' +
        'the fields children need for a class with private fields.',
    )
    expect(describePrivateState('parent()', { api: 'http://a/', at: new Date(0) })).toBeUndefined()
  })
})
