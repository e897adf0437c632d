import { type ChildProcess, spawn } from 'node:child_process'
import cluster from 'node:cluster'
import type { Duplex } from 'node:stream'
import { fileURLToPath } from 'node:url'
import { FrameDecoder, type Message, sendFrame } from '../channel/frames.js'
import { clearTimeout, setImmediate, setTimeout } from '../process/own-timers.js'
import { stopProcesses } from '../process/stop.js'
import { findDescendants, isRunning, signalAll } from '../process/tree.js'
import { type Capture, captureStream } from './capture.js'
import type { AliveReport, ChildInit } from './child-protocol.js'
import type { RunRequest, StartSpec } from './start-spec.js'

// The child bootstrap bundled into one file (`npm run build`): each child starts it, so fewer
// modules to load is CPU saved twice per scenario.
const CHILD_BOOTSTRAP = fileURLToPath(new URL('../bundle-child/child.js', import.meta.url))
/** Between SIGTERM and SIGKILL. */
export const KILL_GRACE_MS = 2_000
/** A child whose event loop runs answers at once; silence this long means it is blocked. */
export const ALIVE_ANSWER_MS = 200
/** How long the child may take to describe its handles once it has answered. */
const ALIVE_DETAIL_MS = 1_500
/** Stdio of a grandchild may hold a pipe open after the child exited: stop waiting for it then. */
const CLOSE_AFTER_EXIT_MS = 500

export interface ExitStatus {
  code: number | null
  signal: NodeJS.Signals | null
}

/** One child process of a run, as its parent process sees it. */
export interface RunningChild {
  worker: number
  child: ChildProcess
  stdout: Capture
  stderr: Capture
  /** The last frame of each type the child sent. */
  frames: Map<string, Message>
  waiters: Map<string, () => void>
  exit: Promise<ExitStatus>
  exited: boolean
  timedOut: boolean
  /** True once the harness sent it a signal: its end is deliberate, not a crash. */
  stopped: boolean
  /** True when something other than forkcheck's frames arrived on fd 3 (user code wrote to it). */
  garbled: boolean
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
function waitForExit(child: ChildProcess): Promise<ExitStatus> {
  return new Promise((resolve) => {
    // A child that could not start at all (no exit event follows) still ends.
    child.once('error', () => {
      if (child.pid === undefined) resolve({ code: null, signal: null })
    })
    child.once('exit', (code, signal) => {
      const done = () => resolve({ code, signal })
      child.once('close', done)
      // Through setImmediate: a poll phase still reads what the child wrote before it exited
      // (its `exit-hooks` frame), even when this loop was too busy to read it before the timer.
      setTimeout(() => setImmediate(done), CLOSE_AFTER_EXIT_MS).unref()
    })
  })
}

/**
 * Starts worker `worker` of a run and sends it what it needs to load the scenario; with `barrier`
 * it waits for `go` (see runChildren).
 */
export function startChild(request: RunRequest, worker: number, barrier: boolean): RunningChild {
  const child = startProcess(request.spec)
  const running: RunningChild = {
    worker,
    child,
    stdout: captureStream(child.stdout, request.outputCap),
    stderr: captureStream(child.stderr, request.outputCap),
    frames: new Map(),
    waiters: new Map(),
    exit: waitForExit(child),
    exited: false,
    timedOut: false,
    stopped: false,
    garbled: false,
  }
  const channel = child.stdio[3] as Duplex
  channel.on('error', () => {})
  readChildFrames(channel, running)
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
    selfImport: request.selfImport,
    watch: request.watch,
    clusterWorker: request.spec.via === 'cluster',
    timeout: request.timeout,
    loader: request.loader,
    barrier,
  }
  sendFrame(channel, init as unknown as Message).catch(() => {})
  return running
}

/**
 * Records every frame the child sends. A frame that fails to decode (user code wrote to fd 3)
 * ends this child's channel instead of this whole parent process, which other children and later
 * scenarios still need.
 */
function readChildFrames(channel: Duplex, running: RunningChild): void {
  const decoder = new FrameDecoder()
  channel.on('data', (chunk: Buffer) => {
    if (running.garbled) return
    let messages: Message[]
    try {
      messages = decoder.push(chunk)
    } catch {
      running.garbled = true
      channel.destroy()
      return
    }
    for (const message of messages) {
      running.frames.set(message.type, message)
      running.waiters.get(message.type)?.()
    }
  })
}

/** Resolves true when the child sent a frame of this type, false when it exited or `ms` passed. */
export function waitFor(running: RunningChild, type: string, ms?: number): Promise<boolean> {
  if (running.frames.has(type)) return Promise.resolve(true)
  if (running.exited) return Promise.resolve(false)
  return new Promise((resolve) => {
    const timer = ms === undefined ? undefined : setTimeout(() => settle(), ms)
    const settle = () => {
      clearTimeout(timer)
      running.waiters.delete(type)
      resolve(running.frames.has(type))
    }
    running.waiters.set(type, settle)
  })
}

export function sendTo(running: RunningChild, type: string): void {
  if (running.exited) return
  sendFrame(running.child.stdio[3] as Duplex, { type }).catch(() => {})
}

const PHASE_NOTES: Record<string, string> = {
  loading: 'still loading the scenario file',
  barrier: 'waiting at the start barrier for the other workers',
}

/**
 * Asks a child that is about to be stopped what keeps it alive. A child that does not answer
 * within ALIVE_ANSWER_MS has a blocked event loop (an endless loop, a long synchronous call).
 */
export async function askKeptAlive(running: RunningChild): Promise<string[]> {
  if (running.exited) return []
  sendTo(running, 'alive?')
  if (!(await waitFor(running, 'alive', ALIVE_ANSWER_MS))) {
    return running.exited ? [] : [`event loop blocked: no answer within ${ALIVE_ANSWER_MS} ms`]
  }
  await waitFor(running, 'alive-detail', ALIVE_DETAIL_MS)
  const answer = (running.frames.get('alive-detail') ?? running.frames.get('alive')) as unknown as AliveReport
  const note = PHASE_NOTES[answer.phase]
  if (answer.phase === 'barrier') return [note!]
  return note ? [note, ...answer.keptAlive] : answer.keptAlive
}

/**
 * SIGTERM, then SIGKILL after a grace period, for the child's whole process tree; then waits for
 * the child, and stops by pid any descendant that outlived it (they are not ours to wait on).
 */
export async function stopChild(running: RunningChild): Promise<void> {
  const pid = running.child.pid
  if (running.exited || pid === undefined) return
  running.stopped = true
  const tree = [pid, ...findDescendants(pid)]
  signalAll(tree, 'SIGTERM')
  const timer = setTimeout(() => signalAll([pid, ...findDescendants(pid)], 'SIGKILL'), KILL_GRACE_MS)
  await running.exit
  clearTimeout(timer)
  await stopProcesses(tree.slice(1).filter(isRunning), KILL_GRACE_MS)
}
