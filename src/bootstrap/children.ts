import { type ChildProcess, spawn } from 'node:child_process'
import cluster from 'node:cluster'
import { fileURLToPath } from 'node:url'
import { type Message, readFrames, sendFrame } from '../channel/frames.js'
import type { ProbeRead } from '../probes/recorder.js'
import { killTree } from '../process/tree.js'
import type { ChildOutcome, ExitHooks } from '../types.js'
import { type Capture, captureStream } from './capture.js'
import type { ChildInit, ChildReport } from './child-protocol.js'
import type { RunRequest, StartSpec } from './start-spec.js'

// The child bootstrap bundled into one file (`npm run build`): each child starts it, so fewer
// modules to load is CPU saved twice per scenario.
const CHILD_BOOTSTRAP = fileURLToPath(new URL('../bundle/child.js', import.meta.url))
/** How long a released child may take to end by itself before it is terminated. */
const RELEASE_GRACE_MS = 2_000
/** The same, when the child reported handles that will keep it alive anyway. */
const RELEASE_GRACE_BUSY_MS = 200
/** Between SIGTERM and SIGKILL. */
const KILL_GRACE_MS = 2_000

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

interface Running {
  worker: number
  child: ChildProcess
  stdout: Capture
  stderr: Capture
  frames: Map<string, Message>
  waiters: Map<string, () => void>
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
  exited: boolean
  timedOut: boolean
}

function startProcess(spec: StartSpec): ChildProcess {
  const stdio = ['ignore', 'pipe', 'pipe', 'pipe'] as Array<'ignore' | 'pipe' | 'ipc'>
  if (spec.via === 'cluster') {
    cluster.setupPrimary({
      exec: CHILD_BOOTSTRAP,
      args: [],
      execArgv: spec.execArgv,
      // setupPrimary merges into earlier settings: always set cwd, or a shared parent keeps a stale one.
      cwd: spec.cwd ?? process.cwd(),
      stdio: [...stdio, 'ipc'],
    })
    return cluster.fork(spec.env).process
  }
  return spawn(process.execPath, [...spec.execArgv, CHILD_BOOTSTRAP], {
    env: spec.env,
    cwd: spec.cwd,
    stdio: spec.ipc ? [...stdio, 'ipc'] : stdio,
  })
}

/** Resolves after exit once stdio is drained, or shortly after exit if a grandchild holds it open. */
function waitForExit(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => {
    child.once('exit', (code, signal) => {
      const done = () => resolve({ code, signal })
      child.once('close', done)
      setTimeout(done, 500).unref()
    })
  })
}

function startChild(request: RunRequest, worker: number): Running {
  const child = startProcess(request.spec)
  const running: Running = {
    worker,
    child,
    stdout: captureStream(child.stdout, request.outputCap),
    stderr: captureStream(child.stderr, request.outputCap),
    frames: new Map(),
    waiters: new Map(),
    exit: waitForExit(child),
    exited: false,
    timedOut: false,
  }
  const channel = child.stdio[3] as NodeJS.ReadWriteStream & import('node:stream').Duplex
  channel.on('error', () => {})
  readFrames(channel, (message) => {
    running.frames.set(message.type, message)
    running.waiters.get(message.type)?.()
  })
  void running.exit.then(() => {
    running.exited = true
    for (const wake of running.waiters.values()) wake()
  })
  const init: ChildInit = {
    type: 'init',
    file: request.file,
    exportName: request.exportName,
    root: request.root,
    input: request.input,
    worker,
    workers: request.workers,
    tsCacheDir: request.tsCacheDir,
    watchGlobals: request.watchGlobals,
    loader: request.loader,
  }
  sendFrame(channel, init as unknown as Message).catch(() => {})
  return running
}

/** Resolves when the child sent a frame of this type or exited. */
function waitFor(running: Running, type: string): Promise<void> {
  if (running.frames.has(type) || running.exited) return Promise.resolve()
  return new Promise((resolve) => running.waiters.set(type, resolve))
}

function send(running: Running, type: string): void {
  if (running.exited) return
  sendFrame(running.child.stdio[3] as never, { type }).catch(() => {})
}

/** SIGTERM, then SIGKILL after a grace period, for the child's whole process tree. */
async function stop(running: Running): Promise<void> {
  if (running.exited || running.child.pid === undefined) return
  killTree(running.child.pid, 'SIGTERM')
  const timer = setTimeout(() => {
    if (!running.exited && running.child.pid !== undefined) killTree(running.child.pid, 'SIGKILL')
  }, KILL_GRACE_MS)
  await running.exit
  clearTimeout(timer)
}

function delay(ms: number): Promise<'late'> {
  return new Promise((resolve) => setTimeout(resolve, ms, 'late').unref())
}

/**
 * Runs one mode: starts the workers, releases them into child() together once all are loaded
 * (the start barrier), collects their reports, then releases them and waits for them to end.
 */
export async function runChildren(
  request: RunRequest,
  duringChildren?: () => Promise<unknown>,
): Promise<ChildResult[]> {
  const all = Array.from({ length: request.workers }, (_, worker) => startChild(request, worker))
  const deadline = setTimeout(() => {
    for (const running of all) {
      if (!running.frames.has('outcome') && !running.exited) {
        running.timedOut = true
        void stop(running)
      }
    }
  }, request.timeout)
  await Promise.all(all.map((running) => waitFor(running, 'ready')))
  for (const running of all) send(running, 'go')
  const parentSide = duringChildren?.()
  await Promise.all(all.map((running) => waitFor(running, 'outcome')))
  clearTimeout(deadline)
  await parentSide
  for (const running of all) send(running, 'release')
  await Promise.all(all.map((running) => endReleased(running)))
  return all.map(toResult)
}

async function endReleased(running: Running): Promise<void> {
  const report = running.frames.get('outcome') as unknown as ChildReport | undefined
  const grace = report && report.openHandles.length > 0 ? RELEASE_GRACE_BUSY_MS : RELEASE_GRACE_MS
  if ((await Promise.race([running.exit, delay(grace)])) === 'late') await stop(running)
  await running.exit
}

function toResult(running: Running): ChildResult {
  const report = running.frames.get('outcome') as unknown as ChildReport | undefined
  const hooks = running.frames.get('exit-hooks') as unknown as { exitHooks: ExitHooks } | undefined
  const exitInfo = running.child.exitCode
  const outcome: ChildOutcome = {
    worker: running.worker,
    status: running.timedOut ? 'timeout' : (report?.status ?? 'exited'),
    exitCode: exitInfo,
    signal: running.child.signalCode,
    timedOut: running.timedOut,
    stdout: running.stdout.text(),
    stderr: running.stderr.text(),
    openHandles: report?.openHandles ?? [],
  }
  if (report?.value !== undefined) outcome.value = report.value
  if (report?.error !== undefined) outcome.error = report.error
  if (report) outcome.durationMs = Math.round(report.durationMs)
  if (report && hooks) outcome.exitHooks = hooks.exitHooks
  else if (report) outcome.exitHooks = { exit: false, beforeExit: false }
  const dropped = { stdout: running.stdout.dropped(), stderr: running.stderr.dropped() }
  if (dropped.stdout > 0 || dropped.stderr > 0) outcome.truncated = dropped
  return {
    outcome,
    pid: running.child.pid ?? 0,
    ppid: process.pid,
    ports: report?.ports ?? [],
    tmpdir: report?.tmpdir,
    reads: report?.reads ?? [],
    initialGlobals: report?.initialGlobals ?? [],
  }
}
