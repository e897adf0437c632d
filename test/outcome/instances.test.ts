import { runInNewContext } from 'node:vm'
import { describe, expect, it } from 'vitest'
import { encodeValue } from '../../src/outcome/encode.js'
import { copyProxies, holdsPrivateState, InstanceView, viewInstances } from '../../src/outcome/instances.js'
import { clone } from '../../src/outcome/uncloneable.js'

/** What a child reports for `value`: viewed, then encoded. */
const report = (value: unknown) => encodeValue(viewInstances(value))

class Token {
  #secret = 'x'
  get secret() {
    return this.#secret
  }
}

describe('viewInstances', () => {
  it('leaves a value without such instances as it is, not copied', () => {
    const value = {
      a: [1, { b: new Map([['k', new Date(0)]]) }],
      c: new (class Point {
        x = 1
      })(),
    }
    expect(viewInstances(value)).toBe(value)
    expect(holdsPrivateState(value)).toBe(false)
  })

  it('shows a URL by its toJSON(), so two different URLs differ (structured clone: {} or an error)', () => {
    expect(report({ endpoint: new URL('http://api.internal:9000/v1') })).toEqual({
      endpoint: { $type: 'instance', class: 'URL', json: 'http://api.internal:9000/v1' },
    })
    expect(report(new URL('http://a/'))).not.toEqual(report(new URL('http://b/')))
  })

  it('shows Headers and URLSearchParams by their entries', () => {
    expect(report(new Headers({ 'user-agent': 'ci', accept: 'json' }))).toEqual({
      $type: 'instance',
      class: 'Headers',
      entries: [
        ['accept', 'json'],
        ['user-agent', 'ci'],
      ],
    })
    expect(report([new URLSearchParams('a=1&a=2')])).toEqual([
      {
        $type: 'instance',
        class: 'URLSearchParams',
        entries: [
          ['a', '1'],
          ['a', '2'],
        ],
      },
    ])
  })

  it('shows the class alone of one that shows nothing (private fields, a Response)', () => {
    expect(report(new Set([new Token()]))).toEqual({
      $type: 'Set',
      values: [{ $type: 'instance', class: 'Token' }],
    })
    expect(report(new Response('x'))).toEqual({ $type: 'instance', class: 'Response' })
  })

  it('cuts an iterable at 1000 entries and says so', () => {
    class Endless {
      *[Symbol.iterator]() {
        for (let index = 0; ; index++) yield index
      }
    }
    const encoded = report(new Endless()) as { entries: number[]; cut: boolean }
    expect(encoded.entries).toHaveLength(1000)
    expect(encoded.cut).toBe(true)
  })

  it('survives a toJSON that throws or returns the instance, and cycles through toJSON', () => {
    class Throws {
      toJSON(): never {
        throw new Error('no')
      }
    }
    class Self {
      toJSON() {
        return this
      }
    }
    class Loop {
      toJSON() {
        return { again: this }
      }
    }
    expect(report([new Throws(), new Self()])).toEqual([
      { $type: 'instance', class: 'Throws' },
      { $type: 'instance', class: 'Self' },
    ])
    expect(report(new Loop())).toEqual({
      $type: 'instance',
      class: 'Loop',
      json: { again: { $type: 'circular', up: 2 } },
    })
  })

  it('keeps shared and cyclic references of the containers it copies', () => {
    const shared = { url: new URL('http://a/') }
    const value: Record<string, unknown> = { left: shared, right: shared }
    value.self = value
    const viewed = viewInstances(value) as Record<string, Record<string, unknown>>
    expect(viewed).not.toBe(value)
    expect(viewed.left).toBe(viewed.right)
    expect(viewed.self).toBe(viewed)
    expect(viewed.left?.url).toBeInstanceOf(InstanceView)
    // What the child then checks: the viewed value clones.
    expect(() => clone(viewed)).not.toThrow()
  })

  it('copies a Proxy through its traps: an array as an array, an object by its own enumerable properties', () => {
    const hidden = Symbol('hidden')
    const settings = new Proxy(
      { host: 'db.local', [hidden]: 1 },
      { get: (target, key) => (key === 'host' ? 'through the trap' : Reflect.get(target, key)) },
    )
    const list = new Proxy([1, settings], {})
    const viewed = viewInstances({ list, url: new URL('http://a/') })
    expect(encodeValue(viewed)).toEqual({
      list: [1, { host: 'through the trap' }],
      url: { $type: 'instance', class: 'URL', json: 'http://a/' },
    })
    expect(() => clone(viewed)).not.toThrow()
    expect(holdsPrivateState({ settings })).toBe(false)
  })

  it('keeps a Proxy met twice, or one that holds itself, one copy', () => {
    const target: Record<string, unknown> = { name: 'loop' }
    const proxy = new Proxy(target, {})
    target.self = proxy
    const viewed = viewInstances({ a: proxy, b: proxy }) as { a: { self: unknown }; b: unknown }
    expect(viewed.a).toBe(viewed.b)
    expect(viewed.a.self).toBe(viewed.a)
  })

  it('throws what a trap throws, and at a revoked Proxy (the caller names the part)', () => {
    const { proxy, revoke } = Proxy.revocable({}, {})
    revoke()
    expect(() => viewInstances({ proxy })).toThrow(/revoked/)
    const throwing = new Proxy(
      { a: 1 },
      {
        get: () => {
          throw new Error('not loaded')
        },
      },
    )
    expect(() => viewInstances([throwing])).toThrow('not loaded')
  })

  it('copyProxies copies Proxies alone, for parent() results: instances stay for their own message', () => {
    const url = new URL('http://a/')
    const copied = copyProxies({ db: new Proxy({ pool: [new Proxy([1], {})] }, {}), url }) as {
      db: unknown
      url: unknown
    }
    expect(copied).toEqual({ db: { pool: [[1]] }, url })
    expect(copied.url).toBe(url)
    const plain = { a: [1], url }
    expect(copyProxies(plain)).toBe(plain)
  })

  it('treats plain objects of another realm as plain, and class instances with fields as before', () => {
    const foreign = runInNewContext('({})') as object
    expect(viewInstances(foreign)).toBe(foreign)
    const withField = new (class Config {
      port = 3000
    })()
    expect(viewInstances({ withField })).toEqual({ withField })
  })
})
