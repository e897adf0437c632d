import type { ProbeRead } from '../probes/recorder.js'
import type { ChildOutcome, ExitHooks } from '../types.js'
import type { ChildReport, EarlyReads, UncaughtReport } from './child-protocol.js'
import { classifyExit, cutV8Report } from './classify-exit.js'
import type { RunningChild } from './running-child.js'

/** A child's outcome plus the facts the harness needs to normalize it. */
export interface ChildResult {
  outcome: ChildOutcome
  pid: number
  ppid: number
  ports: number[]
  tmpdir: string | undefined
  reads: ProbeRead[]
  initialGlobals: string[]
}

/** Turns what the parent saw of one ended child into its outcome, every way of ending classified. */
export function toResult(running: RunningChild, keptAlive: string[] | undefined): ChildResult {
  const report = running.frames.get('outcome') as unknown as ChildReport | undefined
  const early = running.frames.get('reads') as unknown as EarlyReads | undefined
  const hooks = running.frames.get('exit-hooks') as unknown as { exitHooks: ExitHooks } | undefined
  const { exitCode, signalCode: signal } = running.child
  const crash = classifyExit({
    loaded: running.frames.has('ready'),
    reported: report !== undefined,
    exitCode,
    signal,
    stopped: running.stopped,
    garbled: running.garbled,
    uncaught: running.frames.get('uncaught') as unknown as UncaughtReport | undefined,
    stderrTail: running.stderr.tail(),
  })
  const stderr = running.stderr.text()
  const outcome: ChildOutcome = {
    worker: running.worker,
    status: running.timedOut ? 'timeout' : (report?.status ?? 'exited'),
    exitCode,
    signal,
    timedOut: running.timedOut,
    stdout: running.stdout.text(),
    stderr: crash?.kind === 'out-of-memory' ? cutV8Report(stderr) : stderr,
    openHandles: report?.openHandles ?? [],
  }
  if (report?.value !== undefined) outcome.value = report.value
  if (report?.error !== undefined) outcome.error = report.error
  if (report) outcome.durationMs = Math.round(report.durationMs)
  if (report && hooks) outcome.exitHooks = hooks.exitHooks
  else if (report) outcome.exitHooks = { exit: false, beforeExit: false }
  const dropped = { stdout: running.stdout.dropped(), stderr: running.stderr.dropped() }
  if (dropped.stdout > 0 || dropped.stderr > 0) outcome.truncated = dropped
  if (keptAlive !== undefined) outcome.keptAlive = keptAlive
  if (crash !== undefined) outcome.crash = crash
  return {
    outcome,
    pid: running.child.pid ?? 0,
    ppid: process.pid,
    ports: report?.ports ?? [],
    tmpdir: report?.tmpdir,
    // A `reads` frame came after the outcome's when there is one: it holds all the outcome's too.
    reads: early?.reads ?? report?.reads ?? [],
    initialGlobals: report?.initialGlobals ?? early?.initialGlobals ?? [],
  }
}
