import { describe, expect, it } from 'vitest'
import { encodeValue } from '../../src/outcome/encode.js'
import { viewInstances } from '../../src/outcome/instances.js'
import { isScalarTag, showScalarTag } from '../../src/outcome/tags.js'

describe('showScalarTag', () => {
  it.each([
    [undefined, 'undefined'],
    [12n, '12n'],
    [Number.NaN, 'NaN'],
    [-0, '-0'],
    [Number.NEGATIVE_INFINITY, '-Infinity'],
    [Symbol('id'), 'Symbol(id)'],
    [Symbol(), 'Symbol()'],
    [function load() {}, '[Function: load]'],
    [new Date(Date.UTC(2026, 11, 1)), '2026-12-01T00:00:00.000Z'],
    [new Date(Number.NaN), 'Invalid Date'],
    [/a+b/gi, '/a+b/gi'],
    [Object(1n), '[boxed 1n]'],
    [Buffer.from('hi'), 'Buffer(2) 6869'],
  ])('shows what %s was', (value, shown) => {
    expect(isScalarTag(encodeValue(value))).toBe(true)
    expect(showScalarTag(encodeValue(value))).toBe(shown)
  })

  it('shows an instance with private state by its class and the one value it shows', () => {
    const url = encodeValue(viewInstances(new URL('http://a/x')))
    expect(isScalarTag(url)).toBe(true)
    expect(showScalarTag(url)).toBe('URL("http://a/x")')
    const response = encodeValue(viewInstances(new Response('x')))
    expect(showScalarTag(response)).toBe('[Response]')
    // Entries are values of their own, compared one by one.
    expect(isScalarTag(encodeValue(viewInstances(new Headers({ a: '1' }))))).toBe(false)
  })

  it('says nothing of values that hold values, nor of JSON values', () => {
    for (const value of [
      new Map([[1, 2]]),
      new Set([1]),
      new Error('x'),
      { $type: 'mine' },
      // biome-ignore lint/suspicious/noSparseArray: a sparse array is the case
      [1, , 3],
      { a: 1 },
      'x',
      1,
      null,
    ]) {
      expect(isScalarTag(encodeValue(value))).toBe(false)
      expect(showScalarTag(encodeValue(value))).toBeUndefined()
    }
  })

  it('marks bytes cut short', () => {
    expect(showScalarTag(encodeValue(new Uint8Array(2000)))).toMatch(/^Uint8Array\(2000\) 0+…$/)
  })
})
