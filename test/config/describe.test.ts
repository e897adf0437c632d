import { describe, expect, it } from 'vitest'
import { describeValue } from '../../src/config/describe.js'

// The one rendering of a bad value in config, scenario and vitest-environment messages.
describe('describeValue', () => {
  it.each([
    ['x', '`"x"` (string)'],
    [null, '`null` (null)'],
    [undefined, '`undefined` (undefined)'],
    [[1], '`[1]` (array)'],
    [{ a: 1 }, '`{"a":1}` (object)'],
    [Number.POSITIVE_INFINITY, '`Infinity` (number)'],
    [Number.NaN, '`NaN` (number)'],
    [-0, '`-0` (number)'],
    [10n, '`10n` (bigint)'],
    [Symbol('id'), '`Symbol(id)` (symbol)'],
    [function named() {}, '`function named` (function)'],
    ['y'.repeat(80), `\`"${'y'.repeat(58)}…\` (string)`],
  ])('shows %s with its type, as JSON would not', (value, shown) => {
    expect(describeValue(value)).toBe(shown)
  })

  it('reads values a config child sent tagged as what they were', () => {
    expect(describeValue({ $type: 'function', name: 'createReporter' })).toBe(
      '`function createReporter` (function)',
    )
    expect(describeValue({ $type: 'undefined' })).toBe('`undefined` (undefined)')
    expect(describeValue({ $type: 'RegExp', source: 'a+', flags: 'g' })).toBe('`/a+/g` (RegExp)')
    expect(describeValue({ $type: 'bigint', value: '3' })).toBe('`3` (bigint)')
  })
})
