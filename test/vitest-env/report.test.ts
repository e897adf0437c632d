import { describe, expect, it } from 'vitest'
import { DEFAULT_SEVERITY } from '../../src/vitest/environment/options.js'
import {
  formatLeakError,
  formatLeakLine,
  formatLeakWarning,
  groupLeaks,
  judgeLeaks,
  type Leak,
  makeLeakErrorRecord,
} from '../../src/vitest/environment/report.js'

const envLeak: Leak = { category: 'env', subject: 'TOKEN', change: 'set', at: 'test/a.test.ts:3' }
const globalLeak: Leak = { category: 'globals', subject: 'cache', change: 'defined' }
const childLeak: Leak = {
  category: 'children',
  subject: 'spawn node',
  change: 'started',
  at: 'test/a.test.ts:9',
  inherited: ['TOKEN (set at test/a.test.ts:3)', 'cwd sub (changed at test/a.test.ts:5)'],
}

describe('formatLeakLine', () => {
  it('aligns category, then subject, change, place and what a child inherited', () => {
    expect(formatLeakLine(envLeak)).toBe('  env        TOKEN set at test/a.test.ts:3')
    expect(formatLeakLine(globalLeak)).toBe('  globals    cache defined')
    expect(formatLeakLine(childLeak)).toBe(
      '  children   spawn node started at test/a.test.ts:9 inherited TOKEN (set at test/a.test.ts:3), ' +
        'cwd sub (changed at test/a.test.ts:5)',
    )
  })
})

describe('formatLeakError and formatLeakWarning', () => {
  it('head the lines with the file and a count, and the error ends with what to do', () => {
    const error = formatLeakError('test/a.test.ts', [envLeak, childLeak]).split('\n')
    expect(error[0]).toBe(
      'forkcheck: test/a.test.ts leaked 2 items that child processes and later test files inherit:',
    )
    expect(error[1]).toBe(formatLeakLine(envLeak))
    expect(error.at(-1)).toContain('environmentOptions.forkcheck')
    expect(formatLeakWarning('test/a.test.ts', [globalLeak])).toBe(
      'forkcheck warning: test/a.test.ts left 1 item behind:\n  globals    cache defined',
    )
  })
})

describe('judgeLeaks', () => {
  it('splits by severity and drops off categories', () => {
    const severity = { ...DEFAULT_SEVERITY, globals: 'off' as const }
    expect(judgeLeaks([envLeak, globalLeak, childLeak], severity)).toEqual({
      errors: [envLeak, childLeak],
      warnings: [],
    })
    expect(judgeLeaks([globalLeak], DEFAULT_SEVERITY)).toEqual({ errors: [], warnings: [globalLeak] })
  })
})

describe('groupLeaks', () => {
  it('counts identical leaks once', () => {
    const timer: Leak = { category: 'handles', subject: 'timer', change: 'still open, created', at: 'a.ts:1' }
    expect(groupLeaks([timer, timer, envLeak, timer])).toEqual([{ ...timer, subject: '3 × timer' }, envLeak])
  })
})

describe('makeLeakErrorRecord', () => {
  it('carries the message in a stack without frames, so no code frame is printed', () => {
    const record = makeLeakErrorRecord('forkcheck: a\n  env  X set at a.ts:1')
    expect(record).toEqual({
      name: 'ForkcheckLeakError',
      message: 'forkcheck: a\n  env  X set at a.ts:1',
      stack: 'ForkcheckLeakError: forkcheck: a\n  env  X set at a.ts:1',
    })
    expect(record.stack).not.toMatch(/\n\s+at /)
  })
})
