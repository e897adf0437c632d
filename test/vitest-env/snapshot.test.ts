import { describe, expect, it } from 'vitest'
import { diffListeners } from '../../src/vitest/environment/listeners.js'
import { copyEnv, diffArgv, diffEnv, diffGlobals } from '../../src/vitest/environment/snapshot.js'

describe('diffEnv', () => {
  it('names variables set, changed and removed, sorted, and ignores equal ones', () => {
    const before = { KEEP: '1', CHANGE: 'a', REMOVE: 'x' }
    const after = { KEEP: '1', CHANGE: 'b', ADD: 'y' }
    expect(diffEnv(before, after)).toEqual([
      { name: 'ADD', change: 'set' },
      { name: 'CHANGE', change: 'changed' },
      { name: 'REMOVE', change: 'removed' },
    ])
  })

  it('finds nothing in identical environments', () => {
    expect(diffEnv({ A: '1' }, { A: '1' })).toEqual([])
  })
})

describe('copyEnv', () => {
  it('keeps only string values', () => {
    expect(copyEnv({ A: '1', B: undefined })).toEqual({ A: '1' })
  })
})

describe('diffArgv', () => {
  it('treats flags as a multiset', () => {
    expect(diffArgv(['--a', '--b'], ['--a', '--b', '--a', '--c'])).toEqual({
      added: ['--a', '--c'],
      removed: [],
    })
    expect(diffArgv(['--a', '--b'], ['--b'])).toEqual({ added: [], removed: ['--a'] })
  })
})

describe('diffGlobals', () => {
  it("reports new string-keyed globals, but not vitest's bookkeeping or symbols", () => {
    const global: Record<PropertyKey, unknown> = { existing: 1 }
    const before = new Set(Object.getOwnPropertyNames(global))
    global.added = 1
    global.__vitest_mocker__ = 1
    global.__vite_ssr_import__ = 1
    global[Symbol('lazy')] = 1
    expect(diffGlobals(before, global)).toEqual(['added'])
  })
})

describe('diffListeners', () => {
  it('finds listeners by identity, per event', () => {
    const kept = () => {}
    const added = () => {}
    const before = new Map([['exit', [kept]]])
    const after = new Map<string | symbol, Array<() => void>>([
      ['exit', [kept, added]],
      ['SIGINT', [kept]],
    ])
    expect(diffListeners(before, after)).toEqual([
      { event: 'exit', listener: added },
      { event: 'SIGINT', listener: kept },
    ])
  })
})
