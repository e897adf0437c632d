import { compileNameList } from '../config/names.js'

/** Variables a clean spawn still gets (DESIGN.md), when the harness has them. */
export const SPAWN_ALLOW_LIST = ['PATH', 'HOME', 'TMPDIR', 'TMP', 'TEMP', 'SYSTEMROOT']

/** Node's own cluster/IPC plumbing: never passed on, never a cause (TRAPS.md). */
const NODE_PLUMBING = new Set(['NODE_UNIQUE_ID', 'NODE_CHANNEL_FD', 'NODE_CHANNEL_SERIALIZATION_MODE'])

/** The variables a vitest worker carries that a parent started from the CLI would not have. */
const VITEST_MARKERS = /^(?:VITEST(?:_.*)?|VITE_.*|TINYPOOL_.*|__VITEST_.*)$/

type Env = Record<string, string | undefined>

function definedOnly(env: Env): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [key, value] of Object.entries(env)) if (value !== undefined) out[key] = value
  return out
}

/** The environment a scenario's parent process starts with: the harness's, minus Node plumbing. */
export function makeParentEnv(harnessEnv: Env, { fromVitest = false } = {}): Record<string, string> {
  const env = definedOnly(harnessEnv)
  for (const key of Object.keys(env)) {
    if (NODE_PLUMBING.has(key) || (fromVitest && VITEST_MARKERS.test(key))) delete env[key]
  }
  if (fromVitest && env.NODE_ENV === 'test') delete env.NODE_ENV
  return env
}

export interface SpawnEnvInput {
  harnessEnv: Env
  /** Config `allowEnv`: names or globs a clean spawn also gets from the harness's environment. */
  allowEnv: readonly string[]
  /** Config `ignoreEnv`: names or globs left out of the comparison. */
  ignoreEnv: readonly string[]
  /** The scenario's `env`, which every child gets. */
  declared: Record<string, string>
  /** What the fork-like child gets: the parent's env at fork time, plus `declared`. */
  forkEnv: Record<string, string>
}

/**
 * The whole environment of a spawn-like child: the allow-list and `allowEnv` from the harness's
 * environment, then what is declared. An ignored variable is as the fork-like child has it (set or
 * not), so it can never make the two modes differ.
 */
export function makeSpawnEnv(input: SpawnEnvInput): Record<string, string> {
  const env: Record<string, string> = {}
  const allowed = compileNameList(input.allowEnv)
  for (const key of SPAWN_ALLOW_LIST) {
    const value = input.harnessEnv[key]
    if (value !== undefined) env[key] = value
  }
  for (const [key, value] of Object.entries(input.harnessEnv)) {
    if (value !== undefined && allowed(key)) env[key] = value
  }
  const ignored = compileNameList(input.ignoreEnv)
  for (const key of new Set([...Object.keys(env), ...Object.keys(input.forkEnv)])) {
    if (!ignored(key) || isPlumbing(key)) continue
    const value = input.forkEnv[key]
    if (value === undefined) delete env[key]
    else env[key] = value
  }
  return { ...env, ...input.declared }
}

/** True for names that must never be reported as a cause. */
export function isPlumbing(name: string): boolean {
  return NODE_PLUMBING.has(name)
}
