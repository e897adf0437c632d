import { describe, expect, it } from 'vitest'
import { compileNameList } from '../../src/config/names.js'

describe('compileNameList', () => {
  it('matches names exactly and globs whole, with regex characters taken literally', () => {
    const allowed = compileNameList(['A.B', 'X_*_Y', '*_SUFFIX'])
    expect(allowed('A.B')).toBe(true)
    expect(allowed('AxB')).toBe(false)
    expect(allowed('X_1_Y')).toBe(true)
    expect(allowed('X_1_Y_Z')).toBe(false)
    expect(allowed('ANY_SUFFIX')).toBe(true)
  })

  it('allows nothing when empty', () => {
    expect(compileNameList([])('ANYTHING')).toBe(false)
  })
})
