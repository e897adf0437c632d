import { type ListenerSnapshot, takeListenerSnapshot } from './listeners.js'

/** The inheritable, process-wide state at one moment. Values stay in memory, never in output. */
export interface StateSnapshot {
  env: Record<string, string>
  cwd: string
  execArgv: string[]
  /** String-keyed globals only: symbol keys are Node's and libraries' lazily created singletons. */
  globals: ReadonlySet<string>
  listeners: ListenerSnapshot
}

/** How an environment variable differs from the snapshot. */
export type EnvChange = 'set' | 'changed' | 'removed'

/** One environment variable that differs, by name only. */
export interface EnvDifference {
  name: string
  change: EnvChange
}

/** Flags added to or removed from `process.execArgv`. */
export interface ArgvDifference {
  added: string[]
  removed: string[]
}

// vitest's own bookkeeping globals may appear while a file runs.
const HARNESS_GLOBAL = /^__vite/

/** Reads the inheritable state of this process. */
export function takeSnapshot(global: object): StateSnapshot {
  return {
    env: copyEnv(process.env),
    cwd: process.cwd(),
    execArgv: [...process.execArgv],
    globals: new Set(Object.getOwnPropertyNames(global)),
    listeners: takeListenerSnapshot(),
  }
}

/** A plain copy of an environment object (the Proxy or the real one). */
export function copyEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  const copy: Record<string, string> = {}
  for (const [name, value] of Object.entries(env)) if (value !== undefined) copy[name] = value
  return copy
}

/** Variables set, changed or removed since `before`, sorted by name. */
export function diffEnv(
  before: Readonly<Record<string, string | undefined>>,
  after: Readonly<Record<string, string | undefined>>,
): EnvDifference[] {
  const differences: EnvDifference[] = []
  const names = new Set([...Object.keys(before), ...Object.keys(after)])
  for (const name of names) {
    const was = before[name]
    const is = after[name]
    if (was === is) continue
    differences.push({ name, change: was === undefined ? 'set' : is === undefined ? 'removed' : 'changed' })
  }
  return differences.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
}

/** Flags added and removed, as multisets (a flag given twice counts twice). */
export function diffArgv(before: readonly string[], after: readonly string[]): ArgvDifference {
  return { added: subtractAll(after, before), removed: subtractAll(before, after) }
}

/** Own string keys of `global` that were not in `before`, without vitest's bookkeeping globals. */
export function diffGlobals(before: ReadonlySet<string>, global: object): string[] {
  return Object.getOwnPropertyNames(global).filter((name) => !before.has(name) && !HARNESS_GLOBAL.test(name))
}

function subtractAll(from: readonly string[], remove: readonly string[]): string[] {
  const left = [...remove]
  const result: string[] = []
  for (const item of from) {
    const index = left.indexOf(item)
    if (index === -1) result.push(item)
    else left.splice(index, 1)
  }
  return result
}
