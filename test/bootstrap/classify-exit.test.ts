import { describe, expect, it } from 'vitest'
import type { UncaughtReport } from '../../src/bootstrap/child-protocol.js'
import { classifyExit, cutV8Report, type ExitFacts } from '../../src/bootstrap/classify-exit.js'

const ended: ExitFacts = {
  loaded: true,
  reported: true,
  exitCode: 0,
  signal: null,
  stopped: false,
  garbled: false,
  uncaught: undefined,
  stderrTail: '',
}

const OOM_STDERR = `before\n\n<--- Last few GCs --->\n\n[123:0x1]  42 ms: Mark-Compact 15.3 (24.3) -> 15.5 (32.3) MB\n\nFATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory\n----- Native stack trace -----\n`

function uncaught(origin: UncaughtReport['origin']): UncaughtReport {
  return { type: 'uncaught', origin, error: { name: 'Error', message: 'late\nmore', at: 'scenarios/x.ts:4' } }
}

describe('classifyExit', () => {
  it('is silent for the deliberate end: outcome reported, then exit code 0', () => {
    expect(classifyExit(ended)).toBeUndefined()
  })

  it('is silent when the harness stopped the child (timeout, or it would not end)', () => {
    expect(
      classifyExit({ ...ended, reported: false, exitCode: null, signal: 'SIGTERM', stopped: true }),
    ).toBeUndefined()
  })

  it('names process.exit() inside child()', () => {
    expect(classifyExit({ ...ended, reported: false, exitCode: 3 })).toEqual({
      kind: 'exit',
      afterOutcome: false,
      message: 'Exited with code 3 before child() settled (process.exit(3)?)',
    })
  })

  it('explains exit code 0 with child() pending: process.exit(0) or an empty event loop', () => {
    expect(classifyExit({ ...ended, reported: false })?.message).toBe(
      'Exited with code 0 before child() settled: process.exit(0), or nothing was left to keep it alive while child() waited',
    )
  })

  it('tells a crash while loading the scenario from one inside child()', () => {
    expect(classifyExit({ ...ended, loaded: false, reported: false, exitCode: 2 })?.message).toBe(
      'Exited with code 2 while loading the scenario (process.exit(2)?)',
    )
  })

  it("names Node's refusal of an option at start (exit codes 9 and 12 before the scenario loaded)", () => {
    const atStart = { ...ended, loaded: false, reported: false }
    expect(classifyExit({ ...atStart, exitCode: 9 })?.message).toBe(
      'Exited with code 9 at start: Node rejected an option (an unknown flag, or one missing its value) before the scenario loaded (see stderr)',
    )
    expect(classifyExit({ ...atStart, exitCode: 12 })?.message).toBe(
      'Exited with code 12 at start: Node rejected an inspector option (the --inspect port is invalid or taken) before the scenario loaded (see stderr)',
    )
    // Once loaded, code 9 is the scenario's own.
    expect(classifyExit({ ...ended, reported: false, exitCode: 9 })?.message).toBe(
      'Exited with code 9 before child() settled (process.exit(9)?)',
    )
  })

  it('names a signal nobody in forkcheck sent', () => {
    expect(classifyExit({ ...ended, reported: false, exitCode: null, signal: 'SIGSEGV' })).toEqual({
      kind: 'signal',
      afterOutcome: false,
      message: 'Killed by SIGSEGV before child() settled',
    })
    expect(classifyExit({ ...ended, reported: false, exitCode: null, signal: 'SIGABRT' })?.message).toBe(
      'Killed by SIGABRT (process.abort() or a fatal error in Node) before child() settled',
    )
  })

  it('recognises running out of heap, by V8 fatal line, even with a signal', () => {
    const crash = classifyExit({
      ...ended,
      reported: false,
      exitCode: null,
      signal: 'SIGABRT',
      stderrTail: OOM_STDERR,
    })
    expect(crash).toEqual({
      kind: 'out-of-memory',
      afterOutcome: false,
      message:
        'Ran out of memory before child() settled: FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory',
    })
  })

  it('names an uncaught exception or unhandled rejection after the outcome', () => {
    expect(classifyExit({ ...ended, exitCode: 1, uncaught: uncaught('uncaughtException') })).toEqual({
      kind: 'uncaught-exception',
      afterOutcome: true,
      message:
        'An uncaught exception ended the child after reporting its outcome: Error: late (at scenarios/x.ts:4)',
      error: uncaught('uncaughtException').error,
    })
    expect(classifyExit({ ...ended, exitCode: 1, uncaught: uncaught('unhandledRejection') })?.kind).toBe(
      'unhandled-rejection',
    )
  })

  it('ignores an uncaught error a handler swallowed (the process then ended normally)', () => {
    expect(classifyExit({ ...ended, uncaught: uncaught('uncaughtException') })).toBeUndefined()
  })

  it('reports a non-zero exit after the outcome (an exit hook, process.exitCode)', () => {
    expect(classifyExit({ ...ended, exitCode: 9 })).toEqual({
      kind: 'exit',
      afterOutcome: true,
      message: 'Exited with code 9 after reporting its outcome',
    })
  })

  it('says when user code wrote on forkcheck’s channel, and when the bootstrap itself failed', () => {
    expect(classifyExit({ ...ended, reported: false, exitCode: 1, garbled: true })?.message).toMatch(
      /user code wrote to fd 3/,
    )
    const stderrTail = 'forkcheck: internal error in the child bootstrap (a bug in forkcheck):\nTypeError'
    expect(classifyExit({ ...ended, reported: false, exitCode: 70, stderrTail })?.message).toMatch(
      /a bug in forkcheck/,
    )
  })
})

describe('cutV8Report', () => {
  it('keeps what the child wrote and drops V8’s out-of-memory report', () => {
    expect(cutV8Report(OOM_STDERR)).toBe('before\n')
    expect(cutV8Report('FATAL ERROR: Reached heap limit\n')).toBe('')
    expect(cutV8Report('plain output')).toBe('plain output')
  })
})
