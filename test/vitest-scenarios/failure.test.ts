import { describe, expect, it } from 'vitest'
import { makeScenarioId } from '../../src/vitest/check.js'
import {
  assertPassed,
  describeResult,
  describeWarning,
  ScenarioAssertionError,
} from '../../src/vitest/failure.js'
import { makeDiffersResult, makeResult } from '../reporters/sample.js'

function catchError(action: () => void): ScenarioAssertionError {
  try {
    action()
  } catch (error) {
    if (error instanceof ScenarioAssertionError) return error
    throw error
  }
  throw new Error('expected a ScenarioAssertionError')
}

describe('assertPassed', () => {
  it('accepts a result that met its expectation', () => {
    expect(() => assertPassed(makeResult())).not.toThrow()
    expect(() => assertPassed(makeDiffersResult({ expected: 'differs', pass: true }))).not.toThrow()
  })

  it('throws the causes and the side-by-side diff the CLI prints, without a stack', () => {
    const error = catchError(() => assertPassed(makeDiffersResult(), 'test/env.test.ts:7'))
    expect(error.code).toBe('FORKCHECK_MISMATCH')
    const lines = error.message.split('\n')
    expect(lines[0]).toBe(
      'scenarios/env.scenario.ts#default › config read from env: differs between fork-like and spawn-like (test/env.test.ts:7)',
    )
    expect(lines).toContain('  causes:')
    expect(lines).toContain(
      '    env DATABASE_URL  confirmed  set at scenarios/env.scenario.ts:9  read at src/config.ts:4',
    )
    expect(error.message).toMatch(/fork-like +│ spawn-like/)
    expect(error.stack).toBe(`ScenarioAssertionError: ${error.message}`)
  })

  it('says when a scenario behaved the same but was expected to differ', () => {
    const error = catchError(() => assertPassed(makeResult({ expected: 'differs', pass: false })))
    expect(error.message.split('\n')[0]).toContain(
      'behaved the same when forked and spawned, but `expect` is `differs`',
    )
  })

  it('fails a scenario that could not run or was skipped as an error', () => {
    const broken = makeResult({ verdict: 'error', pass: false, error: { message: 'boom', phase: 'parent' } })
    const error = catchError(() => assertPassed(broken))
    expect(error.code).toBe('FORKCHECK_ERROR')
    expect(error.message).toContain('could not run\n  error (parent): boom')
    expect(catchError(() => assertPassed(makeResult({ skipped: true }))).message).toContain(
      'skipped by forkcheck',
    )
  })
})

describe('describeWarning', () => {
  it('warns of a flaky result that passed, as the CLI does, and of nothing else', () => {
    const flaky = makeResult({ verdict: 'flaky', pass: true })
    expect(describeWarning(flaky)?.split('\n')[0]).toContain('varied between runs of one mode (flaky)')
    expect(describeWarning(makeResult())).toBeUndefined()
    expect(describeWarning(makeResult({ verdict: 'flaky', pass: false }))).toBeUndefined()
  })
})

describe('describeResult and makeScenarioId', () => {
  it('fits the table to 100 columns and names the scenario by id', () => {
    const text = describeResult(makeDiffersResult(), 'headline')
    expect(Math.max(...text.split('\n').map((line) => line.length))).toBeLessThanOrEqual(100)
    expect(makeScenarioId('/app', '/app/test/a b.test.ts', '@x > y#2')).toBe('test/a b.test.ts#@x > y#2')
  })
})
