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

/** The whole environment of a spawn-like child: the allow-list, then what is declared. */
export function makeSpawnEnv(
  harnessEnv: Env,
  allow: string[],
  declared: Record<string, string>,
): Record<string, string> {
  const env: Record<string, string> = {}
  for (const key of [...SPAWN_ALLOW_LIST, ...allow]) {
    const value = harnessEnv[key]
    if (value !== undefined) env[key] = value
  }
  return { ...env, ...declared }
}

/** True for names that must never be reported as a cause. */
export function isPlumbing(name: string): boolean {
  return NODE_PLUMBING.has(name)
}
