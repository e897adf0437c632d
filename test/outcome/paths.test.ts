import { describe, expect, it } from 'vitest'
import { ancestorsOf, comparePaths, joinKey, subtreeAt } from '../../src/outcome/paths.js'

describe('joinKey', () => {
  it('writes identifiers with a dot and other keys quoted', () => {
    expect(joinKey('', 'value')).toBe('value')
    expect(joinKey('value', 'a')).toBe('value.a')
    expect(joinKey('value', 'a.b')).toBe('value["a.b"]')
    expect(joinKey('value', '0')).toBe('value["0"]')
  })
})

describe('ancestorsOf', () => {
  it('lists the paths above, outermost first', () => {
    expect(ancestorsOf('[0].value.a[1]')).toEqual(['[0]', '[0].value', '[0].value.a'])
    expect(ancestorsOf('value["a.b"].c')).toEqual(['value', 'value["a.b"]'])
    expect(ancestorsOf('[2]')).toEqual([])
  })

  it('finds nothing above a path it cannot read', () => {
    expect(ancestorsOf('[0].value a')).toEqual([])
  })
})

describe('subtreeAt', () => {
  const leaves = new Map([
    ['[0].value.list[0]', '"a"'],
    ['[0].value.list[1]', '{}'],
    ['[0].value["x.y"].z', '1'],
    ['[0].valueless', 'true'],
    ['[1].value', '2'],
  ])

  it('rebuilds the value under a path from its leaves', () => {
    expect(subtreeAt(leaves, '[0].value')).toEqual({ list: ['a', {}], 'x.y': { z: 1 } })
    expect(subtreeAt(leaves, '[0].value.list')).toEqual(['a', {}])
  })

  it('takes no leaf that only shares a prefix, nor the path itself', () => {
    expect(subtreeAt(leaves, '[1].value')).toBeUndefined()
    expect(subtreeAt(leaves, '[0].val')).toBeUndefined()
  })
})

describe('comparePaths', () => {
  it('orders indexes by value and the rest by code point', () => {
    const paths = [
      '[0].value[10]',
      '[0].value[9]',
      '[10].status',
      '[2].status',
      '[0].value.b',
      '[0].value.a',
      '[0].value',
    ]
    expect(paths.sort(comparePaths)).toEqual([
      '[0].value',
      '[0].value.a',
      '[0].value.b',
      '[0].value[9]',
      '[0].value[10]',
      '[2].status',
      '[10].status',
    ])
  })
})
