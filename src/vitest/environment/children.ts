import childProcess from 'node:child_process'
import cluster from 'node:cluster'
import { syncBuiltinESMExports } from 'node:module'
import { basename, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { isDeepStrictEqual, promisify } from 'node:util'
import { captureStack, type Origin } from './stack.js'

const STACK_LIMIT = 32
const CHILD_PROCESS_METHODS = [
  'spawn',
  'fork',
  'exec',
  'execFile',
  'spawnSync',
  'execSync',
  'execFileSync',
] as const

/** How a child was started: a `child_process` function name or `cluster.fork`. */
export type ChildKind = (typeof CHILD_PROCESS_METHODS)[number] | 'cluster.fork'

/** What a child was handed implicitly when it started. */
export interface ChildStart {
  kind: ChildKind
  /** The program's base name (never arguments: they may hold secrets). */
  command: string
  origin: Origin
  /** The explicit `env` option, or `undefined` when the child inherits `process.env`. */
  env: Readonly<Record<string, string | undefined>> | undefined
  /** Whether the child starts in the current working directory (no `cwd` option, or that one). */
  inheritsCwd: boolean
  /** Whether the child gets `process.execArgv` (a fork-like start without `execArgv`, or with those). */
  inheritsExecArgv: boolean
}

/** The wrapped start functions, until uninstalled. */
export interface ChildProbe {
  uninstall(): void
}

type AnyFunction = (this: unknown, ...args: unknown[]) => unknown

/**
 * Patches `child_process` and `cluster.fork` in place and refreshes their ESM named exports.
 * `onStart` receives each start with what the start function returned (a ChildProcess, a cluster
 * Worker, or a sync result).
 */
export function installChildProbe(onStart: (start: ChildStart, result: unknown) => void): ChildProbe {
  const restores: Array<() => void> = []
  // exec() calls module.exports.execFile(): only the outermost start is the user's.
  let depth = 0
  const wrap = (kind: ChildKind, original: AnyFunction): AnyFunction => {
    const wrapped = function (this: unknown, ...args: unknown[]) {
      if (depth > 0) return original.apply(this, args)
      depth++
      const start = describeStart(kind, args)
      let result: unknown
      try {
        result = original.apply(this, args)
        return result
      } finally {
        depth--
        onStart(start, result)
      }
    }
    Object.defineProperty(wrapped, 'name', { value: original.name })
    return wrapped
  }
  const patch = (owner: Record<string, unknown>, method: string, kind: ChildKind): void => {
    const original = owner[method]
    if (typeof original !== 'function') return
    const wrapped = wrap(kind, original as AnyFunction)
    const custom = (original as unknown as Record<symbol, unknown>)[promisify.custom]
    if (typeof custom === 'function') {
      Object.defineProperty(wrapped, promisify.custom, { value: wrap(kind, custom as AnyFunction) })
    }
    owner[method] = wrapped
    restores.push(() => {
      if (owner[method] === wrapped) owner[method] = original
    })
  }
  const processes = childProcess as unknown as Record<string, unknown>
  for (const method of CHILD_PROCESS_METHODS) patch(processes, method, method)
  patch(cluster as unknown as Record<string, unknown>, 'fork', 'cluster.fork')
  // `import { spawn } from 'node:child_process'` binds at import time.
  syncBuiltinESMExports()
  return {
    uninstall() {
      for (const restore of restores) restore()
      syncBuiltinESMExports()
    },
  }
}

/** Reads what a start inherits from its arguments, the way `child_process` normalizes them. */
export function describeStart(kind: ChildKind, args: readonly unknown[]): ChildStart {
  const origin = captureStack(STACK_LIMIT)
  if (kind === 'cluster.fork') {
    // cluster spreads process.env under the given env and always uses the primary's cwd.
    const { settings } = cluster as unknown as {
      settings?: { exec?: unknown; execArgv?: unknown; cwd?: unknown }
    }
    return {
      kind,
      command: describeCommand(kind, settings?.exec ?? process.argv[1]),
      origin,
      env: undefined,
      inheritsCwd: isCurrentCwd(settings?.cwd),
      // setupPrimary() copies process.execArgv itself into the settings.
      inheritsExecArgv: isCurrentExecArgv(settings?.execArgv),
    }
  }
  const options = args.slice(1).find(isOptionsObject) as
    | { env?: Record<string, string | undefined>; cwd?: unknown; execArgv?: unknown }
    | undefined
  return {
    kind,
    command: describeCommand(kind, args[0]),
    origin,
    env: options?.env ?? undefined,
    inheritsCwd: isCurrentCwd(options?.cwd),
    inheritsExecArgv: kind === 'fork' && isCurrentExecArgv(options?.execArgv),
  }
}

/**
 * No `cwd`, or the current one: execa and others pass `cwd: process.cwd()` when none is given,
 * so the child inherits a changed working directory all the same (as with `env: process.env`).
 */
function isCurrentCwd(cwd: unknown): boolean {
  if (cwd === undefined || cwd === null) return true
  try {
    const path = cwd instanceof URL ? fileURLToPath(cwd) : cwd
    return typeof path === 'string' && resolve(path) === process.cwd()
  } catch {
    return false
  }
}

/** No `execArgv`, or the current flags passed on explicitly. */
function isCurrentExecArgv(execArgv: unknown): boolean {
  return execArgv === undefined || isDeepStrictEqual(execArgv, process.execArgv)
}

function describeCommand(kind: ChildKind, first: unknown): string {
  if (typeof first !== 'string' && !(first instanceof URL)) return 'unknown'
  const text = String(first instanceof URL ? first.pathname : first).trim()
  if (kind !== 'exec' && kind !== 'execSync') return basename(text)
  // A shell line: show its program only, and nothing that looks like `NAME=value`.
  const program = text.split(/\s+/)[0] ?? ''
  return /^[\w./@+-]+$/.test(program) ? basename(program) : 'shell command'
}

function isOptionsObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
