import type { CrashInfo, ErrorInfo } from '../types.js'
import type { UncaughtReport } from './child-protocol.js'

/** What the parent knows about how one child ended. */
export interface ExitFacts {
  /** The child loaded the scenario and reached the start barrier. */
  loaded: boolean
  /** The child reported its outcome before it ended. */
  reported: boolean
  exitCode: number | null
  signal: string | null
  /** The harness signalled it (timeout, or it did not end after release): a deliberate end. */
  stopped: boolean
  /** Something other than forkcheck's frames arrived on fd 3, and the channel was closed. */
  garbled: boolean
  /** The error its uncaughtExceptionMonitor named, if any. */
  uncaught: UncaughtReport | undefined
  /** The end of its stderr (beyond the capture cap too). */
  stderrTail: string
}

const OUT_OF_MEMORY = /JavaScript heap out of memory|Reached heap limit|Allocation failed/
const FATAL_LINE = /^FATAL ERROR:.*$/m
/** Where V8's out-of-memory report starts in stderr. */
const V8_REPORT = /\n?<--- Last few GCs --->|\n?FATAL ERROR: /
/**
 * Node's own exit codes for options it refuses at start-up (its docs: "Invalid Argument", "Invalid
 * Debug Argument"); the bootstrap never ran. A cluster worker gets `--inspect-port` from its
 * primary, one past the primary's: `--inspect-port=0` in the parent's flags fails only there.
 */
const NODE_REJECTED_OPTION: Record<number, string> = {
  9: 'an option (an unknown flag, or one missing its value)',
  12: 'an inspector option (the --inspect port is invalid or taken)',
}
/** The line the child bootstrap prints before exiting 70. */
const BOOTSTRAP_BUG = 'forkcheck: internal error in the child bootstrap'

function describeError({ name, message, at }: ErrorInfo): string {
  return `${name}: ${message.split('\n')[0]}${at ? ` (at ${at})` : ''}`
}

/**
 * Names how a child ended when that was not the deliberate way: undefined when it reported its
 * outcome and then ended with code 0, or when the harness stopped it.
 *
 * @example
 * classifyExit({ reported: false, exitCode: null, signal: 'SIGSEGV', stopped: false, … })
 * // { kind: 'signal', afterOutcome: false, message: 'Killed by SIGSEGV before child() settled' }
 */
export function classifyExit(facts: ExitFacts): CrashInfo | undefined {
  const { loaded, reported, exitCode, signal, stopped, garbled, uncaught, stderrTail } = facts
  if (stopped) return undefined
  if (reported && exitCode === 0) return undefined
  const afterOutcome = reported
  const when = afterOutcome
    ? 'after reporting its outcome'
    : loaded
      ? 'before child() settled'
      : 'while loading the scenario'
  if (OUT_OF_MEMORY.test(stderrTail) && (signal !== null || exitCode !== 0)) {
    const fatal = FATAL_LINE.exec(stderrTail)?.[0] ?? 'JavaScript heap out of memory'
    return { kind: 'out-of-memory', afterOutcome, message: `Ran out of memory ${when}: ${fatal}` }
  }
  if (uncaught !== undefined && (signal !== null || exitCode !== 0)) {
    const unhandled = uncaught.origin === 'unhandledRejection'
    const what = unhandled ? 'An unhandled rejection' : 'An uncaught exception'
    return {
      kind: unhandled ? 'unhandled-rejection' : 'uncaught-exception',
      afterOutcome,
      message: `${what} ended the child ${when}: ${describeError(uncaught.error)}`,
      error: uncaught.error,
    }
  }
  if (signal !== null) {
    const abort = signal === 'SIGABRT' ? ' (process.abort() or a fatal error in Node)' : ''
    return { kind: 'signal', afterOutcome, message: `Killed by ${signal}${abort} ${when}` }
  }
  if (exitCode === null) {
    return { kind: 'exit', afterOutcome, message: 'The child process could not be started' }
  }
  if (garbled) {
    const message = `Exited with code ${exitCode} ${when}: user code wrote to fd 3, forkcheck's channel to the child`
    return { kind: 'exit', afterOutcome, message }
  }
  if (exitCode === 70 && stderrTail.includes(BOOTSTRAP_BUG)) {
    return {
      kind: 'exit',
      afterOutcome,
      message: 'The child bootstrap failed: a bug in forkcheck (see stderr)',
    }
  }
  if (afterOutcome) {
    return { kind: 'exit', afterOutcome, message: `Exited with code ${exitCode} ${when}` }
  }
  const rejected = loaded ? undefined : NODE_REJECTED_OPTION[exitCode]
  if (rejected !== undefined) {
    const message = `Exited with code ${exitCode} at start: Node rejected ${rejected} before the scenario loaded (see stderr)`
    return { kind: 'exit', afterOutcome, message }
  }
  const why =
    exitCode !== 0
      ? ` (process.exit(${exitCode})?)`
      : loaded
        ? ': process.exit(0), or nothing was left to keep it alive while child() waited'
        : ''
  return { kind: 'exit', afterOutcome, message: `Exited with code ${exitCode} ${when}${why}` }
}

/** Stderr without V8's out-of-memory report, whose heap figures change every run. */
export function cutV8Report(stderr: string): string {
  const match = V8_REPORT.exec(stderr)
  return match === null ? stderr : stderr.slice(0, match.index)
}
