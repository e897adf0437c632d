import type { Server } from 'node:net'
import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Message } from '../channel/frames.js'
import { encodeError, encodeValue } from '../outcome/encode.js'
import { viewInstances } from '../outcome/instances.js'
import { clone, describeUncloneable } from '../outcome/uncloneable.js'
import { installChildProbes } from '../probes/install.js'
import { Recorder } from '../probes/recorder.js'
import {
  clearInterval,
  clearTimeout,
  hrtimeNow,
  setImmediate,
  setInterval,
  setTimeout,
} from '../process/own-timers.js'
import { loadScenario } from '../scenario/load.js'
import type { ChildContext, NormalizableOutcome, ScenarioSpec } from '../types.js'
import { openChannel } from './channel.js'
import type {
  AliveReport,
  ChildInit,
  ChildPhase,
  ChildReport,
  EarlyReads,
  UncaughtReport,
  UnheldReport,
} from './child-protocol.js'
import { decodeInput } from './input.js'
import { listKeptAlive } from './kept-alive.js'
import { activeResources, addedResources, requestsInFlight } from './resources.js'
import { tmpdirOf } from './tmpdir.js'
import { numberClusterWorker } from './worker-id.js'

// The child bootstrap: identical in both modes. It loads the scenario, waits at the start barrier,
// runs child(), reports the outcome on fd 3, and ends when the parent releases it. It is the code
// every scenario runs twice: it loads nothing a bare start does not already have, unless needed.

const CHANNEL_FD = 3
/** While user code runs this long, the harness may soon ask what keeps the child alive: listen. */
const LISTEN_AFTER_MS = 1_000
/** How often a released child held by what user code left open looks whether it still is. */
const UNHELD_CHECK_MS = 10
/** How long the outcome waits for requests user code left in flight, in UNHELD_CHECK_MS steps. */
const REQUEST_CHECKS = 20
const harnessDir = dirname(dirname(fileURLToPath(import.meta.url)))
const channel = openChannel(CHANNEL_FD)
const ports: number[] = []
/** A cluster worker's servers that listened through the primary. */
const servers = new Set<Server>()
const initialGlobals = Object.getOwnPropertyNames(globalThis)
let recorder: Recorder | undefined
let phase: ChildPhase = 'loading'
let root = process.cwd()
/** What the harness itself holds open before user code runs. */
let baseline: string[] = []
let reported = false

// At a timeout the parent asks what keeps this child alive. No answer means a blocked event loop.
channel.on('alive?', () => {
  const keptAlive = listKeptAlive(baseline, servers)
  const answered = phase
  channel.send({ type: 'alive', phase: answered, keptAlive } satisfies AliveReport)
  setImmediate(async () => {
    // Only ever needed for a child that is about to be stopped: loaded then.
    const { describeKeptAlive } = await import('./describe-handles.js')
    const detailed = await describeKeptAlive(keptAlive, root, harnessDir, servers).catch(() => keptAlive)
    channel.send({ type: 'alive-detail', phase: answered, keptAlive: detailed } satisfies AliveReport)
  })
})

// Names the error that is about to end the process; a monitor never changes what Node does with it.
process.on('uncaughtExceptionMonitor', (error, origin) => {
  try {
    const report: UncaughtReport = { type: 'uncaught', origin, error: encodeError(error, root, harnessDir) }
    channel.sendNow(report as unknown as Message)
  } catch {
    // Naming the error is a nicety: the exit code and stderr still tell the story.
  }
})

// A child that ends before it reports — process.exit() or an uncaught error, while the scenario
// loads or in child() — still says what user code touched: attribution needs it.
process.once('exit', () => {
  if (reported || recorder === undefined) return
  try {
    const early: EarlyReads = { type: 'reads', reads: recorder.reads, initialGlobals }
    channel.sendNow(early as unknown as Message)
  } catch {
    // The exit code and stderr still tell the story.
  }
})

/**
 * Lets a question reach the child while it loads or runs user code for long: after a while the
 * channel moves onto a socket (unref'd: it never keeps the child alive). A child that is done
 * sooner never pays for one. Returns the function that stops waiting.
 */
function listenIfLong(timeout: number): () => void {
  const timer = setTimeout(() => channel.listen(), Math.min(LISTEN_AFTER_MS, timeout / 4))
  timer.unref()
  return () => clearTimeout(timer)
}

function elapsedMs(since: bigint): number {
  return Number(hrtimeNow() - since) / 1e6
}

async function main(): Promise<void> {
  const init = channel.nextSync('init') as unknown as ChildInit
  root = init.root
  const stopListening = listenIfLong(init.timeout)
  if (init.tsCacheDir !== undefined) {
    // Frames in TypeScript sources must name source lines; not a flag, so not inherited state.
    process.setSourceMapsEnabled(true)
    // Loaded only for TypeScript: plain JavaScript scenarios pay nothing for it.
    ;(await import('../ts/register.js')).registerTypeScript(init.tsCacheDir)
  }
  if (init.clusterWorker) numberClusterWorker(init.worker)
  recorder = new Recorder(init.root, harnessDir)
  installChildProbes(recorder, { ports, servers, watch: init.watch, clusterWorker: init.clusterWorker })
  recorder.active = true
  baseline = activeResources()

  let spec: ScenarioSpec | undefined
  let loadError: unknown
  try {
    spec = await loadScenario(init.file, init.exportName, init.loader, init.selfImport)
    if (typeof spec?.child !== 'function') throw new TypeError(`\`${init.exportName}\` is not a scenario`)
  } catch (error) {
    loadError = error
  }

  recorder.active = false
  channel.send({ type: 'ready' })
  phase = 'barrier'
  if (init.barrier) await channel.next('go')
  // From a turn of its own, with or without a barrier: not inside the read that brought `go`
  // (user code would see it active), and after what loading the scenario queued.
  await new Promise((resolve) => setImmediate(resolve))
  phase = 'child'
  recorder.active = true

  const started = hrtimeNow()
  let settled: NormalizableOutcome
  if (loadError !== undefined || spec === undefined) {
    settled = { error: encodeError(loadError, init.root, harnessDir) }
  } else {
    const ctx: ChildContext = {
      input: init.input === undefined ? undefined : decodeInput(init.input),
      worker: init.worker,
      workers: init.workers,
    }
    settled = await runChild(spec, ctx, init.root)
  }
  // The recorder stays on: a timer or a hook of user code may run while the outcome is made, and
  // after it (see recordLateTouches). Handles closed just before child() returned go away on the
  // next turns of the loop.
  stopListening()
  phase = 'reporting'
  const openHandles = await findOpenHandles()
  const report = makeReport(settled, spec, init.root, openHandles, elapsedMs(started))
  channel.send(report as unknown as Message)
  reported = true
  recordLateTouches(recorder)
  // Always: the parent's release is how a child learns that user code broke the channel (the
  // read ends at once), so such a child ends the same way whatever the timing. A child alone
  // blocks for it (the parent sends it on the outcome alone; an asynchronous read would start
  // libuv's thread pool), unless the channel is already a socket, whose reads need the loop.
  if (init.barrier || channel.listening) await channel.next('release')
  else channel.nextSync('release')
  phase = 'released'
  release()
  if (openHandles.length > 0) reportWhenUnheld()
}

/**
 * Exit hooks and timers still run user code after the outcome, and what it prints is compared:
 * each new touch sends every touch so far at once (an `exit` listener of ours could run before
 * signal-exit's hooks, which run after all of them).
 */
function recordLateTouches(recorder: Recorder): void {
  recorder.onTouch = () => {
    const reads: EarlyReads = { type: 'reads', reads: recorder.reads, initialGlobals }
    try {
      channel.sendNow(reads as unknown as Message)
    } catch {
      // Inside user code's read: a channel user code broke must not throw there.
    }
  }
}

/** The resources user code holds open now: what the process holds beyond the baseline. */
function userResources(): string[] {
  return addedResources(baseline, activeResources(servers))
}

/**
 * What user code left open; handles closed just before child() returned go away within two turns.
 * A request still in flight then (the line a logger wrote to stdout with fs.write, on the thread
 * pool) ends by itself within a pool round trip, which on a busy machine takes longer: whether it
 * was still running at this moment is timing, so it is waited for, up to REQUEST_CHECKS steps (a
 * write that never ends, to a pipe no one reads, is still listed).
 */
async function findOpenHandles(): Promise<string[]> {
  let open = userResources()
  if (open.length === 0) return open
  for (let turn = 0; turn < 2; turn++) await new Promise((resolve) => setImmediate(resolve))
  open = userResources()
  for (let check = 0; check < REQUEST_CHECKS && holdsRequests(open); check++) {
    await new Promise((resolve) => setTimeout(resolve, UNHELD_CHECK_MS))
    open = userResources()
  }
  return open
}

function holdsRequests(open: string[]): boolean {
  if (open.length === 0) return false
  const requests = requestsInFlight()
  return open.some((type) => requests.has(type))
}

async function runChild(spec: ScenarioSpec, ctx: ChildContext, root: string): Promise<NormalizableOutcome> {
  try {
    return { value: await spec.child(ctx) }
  } catch (error) {
    return { error: encodeError(error, root, harnessDir) }
  }
}

function makeReport(
  settled: NormalizableOutcome,
  spec: ScenarioSpec | undefined,
  root: string,
  openHandles: string[],
  durationMs: number,
): ChildReport {
  const facts = {
    openHandles,
    durationMs,
    pid: process.pid,
    ppid: process.ppid,
    ports,
    tmpdir: tmpdirOf(process.env),
    reads: recorder?.reads ?? [],
    initialGlobals,
  }
  let outcome = settled
  try {
    if (spec?.normalize) outcome = spec.normalize(settled)
  } catch (error) {
    return { type: 'outcome', status: 'threw', error: encodeError(error, root, harnessDir), ...facts }
  }
  if (outcome.error !== undefined) return { type: 'outcome', status: 'threw', error: outcome.error, ...facts }
  // Strings, numbers, booleans, bigints, null and undefined always clone: skip the checks for them.
  if (isPlainPrimitive(outcome.value)) {
    return { type: 'outcome', status: 'returned', value: encodeValue(outcome.value), ...facts }
  }
  let value = outcome.value
  try {
    // Both may run user code (getters, Proxy traps, toJSON) that throws: that too is uncloneable.
    value = viewInstances(outcome.value)
    clone(value)
  } catch (error) {
    const message = describeUncloneable('child()', value, error)
    return { type: 'outcome', status: 'uncloneable', error: { name: 'DataCloneError', message }, ...facts }
  }
  return { type: 'outcome', status: 'returned', value: encodeValue(value), ...facts }
}

function isPlainPrimitive(value: unknown): boolean {
  return value === null || !['object', 'function', 'symbol'].includes(typeof value)
}

/** Lets the process end on its own, the same way in both modes, and reports which exit hooks ran. */
function release(): void {
  const hooks = { beforeExit: false, exit: false }
  process.once('beforeExit', () => {
    hooks.beforeExit = true
  })
  process.once('exit', () => {
    hooks.exit = true
    channel.sendNow({ type: 'exit-hooks', exitHooks: hooks })
  })
  // A cluster worker is held by its IPC channel forever (TRAPS.md): let go of it like of ours.
  process.channel?.unref()
}

/**
 * Tells the parent once nothing user code left open holds this released child any more: what
 * still runs then is work Node does not list (a hash on the thread pool, a compile in V8), and the
 * child is ending by itself. The timer is unref'd: looking never keeps the child alive.
 */
function reportWhenUnheld(): void {
  const timer = setInterval(() => {
    if (userResources().length > 0) return
    clearInterval(timer)
    channel.send({ type: 'unheld' } satisfies UnheldReport)
  }, UNHELD_CHECK_MS)
  timer.unref()
}

/**
 * Code under test that forks `process.argv[1]` — `cluster.fork()` without `setupPrimary({ exec })`,
 * `fork(process.argv[1])` — starts this bootstrap again, with the IPC channel on fd 3 where
 * forkcheck's channel would be: there is no scenario to run, so say so and end (the code under
 * test sees its worker exit) instead of waiting on a channel no harness writes.
 */
function exitIfForkedByUserCode(): void {
  if ((process.channel as { fd?: number } | undefined)?.fd !== CHANNEL_FD) return
  process.stderr.write(
    "forkcheck: code under test forked process.argv[1], which in a scenario child is forkcheck's " +
      'child bootstrap, not your app: this process has no scenario to run and exits with code 1. ' +
      "Give the fork the file it should run: cluster.setupPrimary({ exec: 'worker.js' }) or " +
      "fork('worker.js') (see docs/scenarios.md, 'Code that forks itself').\n",
  )
  process.exit(1)
}

exitIfForkedByUserCode()
main().catch((error: unknown) => {
  process.stderr.write(
    `forkcheck: internal error in the child bootstrap (a bug in forkcheck):\n${String(error)}\n`,
  )
  process.exit(70)
})
