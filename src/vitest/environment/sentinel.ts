import timers from 'node:timers'
import { type ChildProbe, type ChildStart, installChildProbe } from './children.js'
import {
  type CollectContext,
  collectInheritance,
  collectStateLeaks,
  type FileBaseline,
  type Probes,
} from './collect.js'
import { installEnvProbe, restoreEnv } from './env-probe.js'
import { hasOpenHandle, installHandleProbe } from './handles.js'
import { installListenerProbe } from './listeners.js'
import { LEAK_CATEGORIES, type LeakCategory, type SentinelOptions } from './options.js'
import { installProcessProbe } from './process-probe.js'
import { groupLeaks, type Leak } from './report.js'
import { takeSnapshot } from './snapshot.js'
import { findUserFrame } from './stack.js'

// Saved before any test can install fake timers.
const realSetImmediate = timers.setImmediate

/** Watches one worker: a baseline per test file, a list of leaks when the file ends. */
export interface Sentinel {
  /** A test file starts; vitest has finished its own set-up, so its changes are in the baseline. */
  startFile(root: string): void
  /** The file ended: its leaks, after env, cwd and execArgv were put back. `undefined` if none started. */
  finishFile(): Promise<Leak[] | undefined>
  /** Whether any file started since setup (false means the runner was never hooked). */
  hasStarted(): boolean
  /** Puts back an unfinished file's state without reporting, and removes every probe. */
  uninstall(): void
}

/** Installs the probes the options need. */
export function installSentinel(global: object, options: SentinelOptions): Sentinel {
  const { severity } = options
  const on = (...categories: LeakCategory[]): boolean => categories.some((c) => severity[c] !== 'off')
  const probes: Probes = {
    env: on('env', 'execArgv', 'children') ? installEnvProbe() : undefined,
    process: on('cwd', 'execArgv', 'children') ? installProcessProbe() : undefined,
    listeners: on('listeners') ? installListenerProbe() : undefined,
    handles: on('handles') ? installHandleProbe() : undefined,
  }
  let current: (FileBaseline & { children: Leak[] }) | undefined
  let started = false
  const contextOf = (baseline: FileBaseline): CollectContext => ({ baseline, probes, options, global })

  const onChildStart = (start: ChildStart, result: unknown): void => {
    if (current === undefined) return
    try {
      const child =
        start.kind === 'cluster.fork' ? (result as { process?: unknown } | undefined)?.process : result
      if (typeof child === 'object' && child !== null && '_handle' in child) {
        probes.handles?.track('child process', child, start.origin, hasOpenHandle)
      }
      if (severity.children === 'off') return
      const inherited = collectInheritance(contextOf(current), start)
      if (inherited.length === 0) return
      const at = findUserFrame(start.origin?.stack, current.root)
      const subject = `${start.kind} ${start.command}`
      current.children.push({ category: 'children', subject, change: 'started', at, inherited })
    } catch {
      // Never let bookkeeping break the user's child process start.
    }
  }
  const childProbe: ChildProbe | undefined = on('children', 'handles')
    ? installChildProbe(onChildStart)
    : undefined

  const restore = (baseline: FileBaseline): void => {
    const { snapshot } = baseline
    if (severity.env !== 'off') {
      const kept = { ...snapshot.env }
      for (const [name, value] of Object.entries(process.env)) {
        if (options.isAllowedEnv(name) && value !== undefined) kept[name] = value
      }
      if (probes.env) probes.env.restore(kept)
      else restoreEnv(process.env, kept)
    }
    const cwd = severity.cwd === 'off' ? process.cwd() : snapshot.cwd
    const execArgv = severity.execArgv === 'off' ? process.execArgv : snapshot.execArgv
    probes.process?.restore({ cwd, execArgv })
    probes.env?.reset()
    probes.process?.reset()
  }

  return {
    startFile(root) {
      // A file that failed to collect never finished: put its state back before the next one.
      if (current !== undefined) restore(current)
      started = true
      current = {
        root,
        snapshot: takeSnapshot(global),
        handleMark: probes.handles?.mark() ?? 0,
        children: [],
      }
      probes.env?.reset()
      probes.process?.reset()
    },
    async finishFile() {
      const file = current
      if (file === undefined) return undefined
      // Let handles closed in afterAll run their close callbacks first.
      await waitForTurn()
      await waitForTurn()
      current = undefined
      const leaks = [...collectStateLeaks(contextOf(file)), ...file.children]
      restore(file)
      return sortLeaks(groupLeaks(leaks))
    },
    hasStarted: () => started,
    uninstall() {
      if (current !== undefined) restore(current)
      current = undefined
      childProbe?.uninstall()
      probes.handles?.uninstall()
      probes.listeners?.uninstall()
      probes.process?.uninstall()
      probes.env?.uninstall()
    },
  }
}

function waitForTurn(): Promise<void> {
  return new Promise((resolve) => realSetImmediate(resolve))
}

function sortLeaks(leaks: Leak[]): Leak[] {
  const order = (leak: Leak): number => LEAK_CATEGORIES.indexOf(leak.category)
  return leaks.sort((a, b) => order(a) - order(b))
}
