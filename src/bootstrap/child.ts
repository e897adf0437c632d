import { writeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Message } from '../channel/frames.js'
import { encodeFrame } from '../channel/frames.js'
import { encodeError, encodeValue } from '../outcome/encode.js'
import { installChildProbes } from '../probes/install.js'
import { Recorder } from '../probes/recorder.js'
import { loadScenario } from '../scenario/load.js'
import type { ChildContext, NormalizableOutcome, ScenarioSpec } from '../types.js'
import { openChannel } from './channel.js'
import type { AliveReport, ChildInit, ChildPhase, ChildReport, UncaughtReport } from './child-protocol.js'
import { describeKeptAlive } from './describe-handles.js'
import { listKeptAlive } from './kept-alive.js'
import { activeResources, addedResources } from './resources.js'

// The child bootstrap: identical in both modes. It loads the scenario, waits at the start barrier,
// runs child(), reports the outcome on fd 3, and ends when the parent releases it.

const CHANNEL_FD = 3
const harnessDir = dirname(dirname(fileURLToPath(import.meta.url)))
const channel = openChannel(CHANNEL_FD)
const ports: number[] = []
const initialGlobals = Object.getOwnPropertyNames(globalThis)
let recorder: Recorder | undefined
let phase: ChildPhase = 'loading'
let root = process.cwd()
/** What the harness itself holds open before user code runs. */
let baseline: string[] = []
/** Frames handed to the socket but not yet to the OS: a synchronous write now would split them. */
let pendingSends = 0

function send(message: Message): Promise<void> {
  pendingSends++
  return channel.send(message).finally(() => {
    pendingSends--
  })
}

/** Writes a frame at once, from code that may not return to the event loop (exit, a crash). */
function sendNow(message: Message): void {
  if (pendingSends > 0) return
  try {
    writeSync(CHANNEL_FD, encodeFrame(message))
  } catch {
    // The parent may already be gone; the exit code still tells the story.
  }
}

// At a timeout the parent asks what keeps this child alive. No answer means a blocked event loop.
channel.on('alive?', () => {
  const keptAlive = listKeptAlive(baseline)
  const answered = phase
  void send({ type: 'alive', phase: answered, keptAlive } satisfies AliveReport).catch(() => {})
  setImmediate(async () => {
    const detailed = await describeKeptAlive(keptAlive, root, harnessDir).catch(() => keptAlive)
    void send({ type: 'alive-detail', phase: answered, keptAlive: detailed } satisfies AliveReport).catch(
      () => {},
    )
  })
})

// Names the error that is about to end the process; a monitor never changes what Node does with it.
process.on('uncaughtExceptionMonitor', (error, origin) => {
  try {
    const report: UncaughtReport = { type: 'uncaught', origin, error: encodeError(error, root, harnessDir) }
    sendNow(report as unknown as Message)
  } catch {
    // Naming the error is a nicety: the exit code and stderr still tell the story.
  }
})

async function main(): Promise<void> {
  const init = (await channel.next('init')) as unknown as ChildInit
  root = init.root
  process.setSourceMapsEnabled(true)
  // Loaded only for TypeScript: plain JavaScript scenarios pay nothing for it.
  if (init.tsCacheDir !== undefined) (await import('../ts/register.js')).registerTypeScript(init.tsCacheDir)
  recorder = new Recorder(init.root, harnessDir)
  installChildProbes(recorder, { ports, watchGlobals: init.watchGlobals, reads: init.probes })
  channel.hold(false)
  recorder.active = true
  baseline = activeResources()

  let spec: ScenarioSpec | undefined
  let loadError: unknown
  try {
    spec = await loadScenario(init.file, init.exportName, init.loader)
    if (typeof spec?.child !== 'function') throw new TypeError(`\`${init.exportName}\` is not a scenario`)
  } catch (error) {
    loadError = error
  }

  recorder.active = false
  channel.hold(true)
  await send({ type: 'ready' })
  phase = 'barrier'
  await channel.next('go')
  phase = 'child'
  channel.hold(false)
  recorder.active = true

  const started = performance.now()
  let settled: NormalizableOutcome
  if (loadError !== undefined || spec === undefined) {
    settled = { error: encodeError(loadError, init.root, harnessDir) }
  } else {
    const ctx: ChildContext = {
      input: init.input === undefined ? undefined : (await import('node:v8')).deserialize(init.input),
      worker: init.worker,
      workers: init.workers,
    }
    settled = await runChild(spec, ctx, init.root)
  }
  // Handles closed just before child() returned go away on the next turns of the loop.
  recorder.active = false
  phase = 'reporting'
  await settleClosingHandles()
  const openHandles = addedResources(baseline, activeResources())
  const report = makeReport(settled, spec, init.root, openHandles, performance.now() - started)
  channel.hold(true)
  await send(report as unknown as Message)
  await channel.next('release')
  phase = 'released'
  release()
}

async function settleClosingHandles(): Promise<void> {
  for (let turn = 0; turn < 2; turn++) await new Promise((resolve) => setImmediate(resolve))
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
    tmpdir: tmpdir(),
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
  try {
    structuredClone(outcome.value)
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    const message = `child() returned a value that cannot be structured-cloned: ${reason}`
    return { type: 'outcome', status: 'uncloneable', error: { name: 'DataCloneError', message }, ...facts }
  }
  return { type: 'outcome', status: 'returned', value: encodeValue(outcome.value), ...facts }
}

/** Lets the process end on its own, the same way in both modes, and reports which exit hooks ran. */
function release(): void {
  const hooks = { beforeExit: false, exit: false }
  process.once('beforeExit', () => {
    hooks.beforeExit = true
  })
  process.once('exit', () => {
    hooks.exit = true
    sendNow({ type: 'exit-hooks', exitHooks: hooks })
  })
  channel.hold(false)
  // A cluster worker is held by its IPC channel forever (TRAPS.md): let go of it like of ours.
  process.channel?.unref()
}

main().catch((error: unknown) => {
  process.stderr.write(
    `forkcheck: internal error in the child bootstrap (a bug in forkcheck):\n${String(error)}\n`,
  )
  process.exit(70)
})
