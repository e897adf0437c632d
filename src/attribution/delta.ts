import { relative } from 'node:path'
import type { StartSpec } from '../bootstrap/start-spec.js'
import { isPlumbing } from '../engine/env.js'
import type { CauseKind } from '../types.js'

/**
 * One inherited item, as bisection adds it back: an env var, one execArgv entry (a flag with its
 * value), the cwd, the IPC channel, or the cluster worker role (which brings IPC and shared listens).
 */
export interface DeltaItem {
  kind: Extract<CauseKind, 'env' | 'execArgv' | 'cwd' | 'ipc' | 'cluster'>
  /** env: the name; execArgv: the whole entry; cwd: relative to the root. */
  name?: string
  /** execArgv: the argv words of the entry. */
  args?: string[]
}

/** Flags whose value is the next argv word when not written with `=`. */
const FLAGS_WITH_VALUE = new Set([
  '-r',
  '--require',
  '--import',
  '--loader',
  '--experimental-loader',
  '-C',
  '--conditions',
  '--env-file',
  '--env-file-if-exists',
  '--input-type',
  '--title',
  '--disable-warning',
  '--redirect-warnings',
  '--unhandled-rejections',
  '--dns-result-order',
  '--watch-path',
  '--inspect-port',
  '--diagnostic-dir',
  '--report-dir',
  '--stack-trace-limit',
])

/** Groups argv words into entries: `['--require', 'x', '--no-warnings']` → two entries. */
export function groupExecArgv(execArgv: string[]): string[][] {
  const entries: string[][] = []
  for (let index = 0; index < execArgv.length; index++) {
    const word = execArgv[index]!
    const next = execArgv[index + 1]
    if (FLAGS_WITH_VALUE.has(word) && next !== undefined) {
      entries.push([word, next])
      index++
    } else {
      entries.push([word])
    }
  }
  return entries
}

export interface DeltaInput {
  root: string
  /** The parent's env at fork time, plus the scenario's declared env. */
  forkEnv: Record<string, string>
  spawnEnv: Record<string, string>
  parentExecArgv: string[]
  parentCwd: string
}

/** Everything the fork-like child had that the spawn-like child did not. */
export function computeDelta(input: DeltaInput): DeltaItem[] {
  const items: DeltaItem[] = []
  for (const [name, value] of Object.entries(input.forkEnv)) {
    if (input.spawnEnv[name] !== value && !isPlumbing(name)) items.push({ kind: 'env', name })
  }
  for (const args of groupExecArgv(input.parentExecArgv))
    items.push({ kind: 'execArgv', name: args.join(' '), args })
  if (input.parentCwd !== input.root) {
    items.push({ kind: 'cwd', name: relative(input.root, input.parentCwd).split('\\').join('/') || '.' })
  }
  items.push({ kind: 'ipc' }, { kind: 'cluster' })
  return items
}

/** A spawn-like start with some delta items added back (bisection's trial). */
export function makeTrialSpec(
  items: DeltaItem[],
  base: {
    spawnEnv: Record<string, string>
    forkEnv: Record<string, string>
    childExecArgv: string[]
    root: string
    parentCwd: string
  },
): { spec: StartSpec; parentEnv: Record<string, string> | undefined } {
  const env = { ...base.spawnEnv }
  const execArgv: string[] = []
  let cwd = base.root
  let ipc = false
  let cluster = false
  for (const item of items) {
    if (item.kind === 'env' && item.name !== undefined) {
      const value = base.forkEnv[item.name]
      if (value === undefined) delete env[item.name]
      else env[item.name] = value
    } else if (item.kind === 'execArgv') execArgv.push(...(item.args ?? []))
    else if (item.kind === 'cwd') cwd = base.parentCwd
    else if (item.kind === 'ipc') ipc = true
    else if (item.kind === 'cluster') cluster = true
  }
  const allArgv = [...execArgv, ...base.childExecArgv]
  if (cluster) {
    // A worker inherits its primary's whole env (TRAPS.md): the trial needs a parent with exactly
    // `env`. NODE_OPTIONS acts on the process it starts: only the worker gets it, as from parent()
    // (that parent would run a relative --require from the root, or a preload's side effects).
    const { NODE_OPTIONS, ...parentEnv } = env
    const added: Record<string, string> = NODE_OPTIONS === undefined ? {} : { NODE_OPTIONS }
    return { spec: { via: 'cluster', ipc: true, env: added, execArgv: allArgv, cwd }, parentEnv }
  }
  return { spec: { via: 'spawn', ipc, env, execArgv: allArgv, cwd }, parentEnv: undefined }
}
