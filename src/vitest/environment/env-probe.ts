import { syncBuiltinESMExports } from 'node:module'
import { captureStack, type Origin } from './stack.js'

const STACK_LIMIT = 32

/** Records where each environment variable was last written while the probe is installed. */
export interface EnvProbe {
  /** The real environment object, for reads and restores that must not be recorded. */
  readonly target: NodeJS.ProcessEnv
  /** Where `name` was last set, changed or deleted. */
  originOf(name: string): Origin
  /** Forgets recorded writes (a new test file starts). */
  reset(): void
  /** Puts the environment back to `baseline` without recording, and the Proxy back on `process`. */
  restore(baseline: Readonly<Record<string, string>>): void
  uninstall(): void
}

/**
 * Replaces `process.env` with a Proxy over the real object that records writes. Reads go straight
 * to the real object (no `get` trap), so the cost stays on writes.
 */
export function installEnvProbe(): EnvProbe {
  const target = process.env
  const writes = new Map<string, Origin>()
  const record = (key: string | symbol): void => {
    // The trap's own frames are forkcheck's and are skipped when the origin is shown.
    if (typeof key === 'string') writes.set(key, captureStack(STACK_LIMIT))
  }
  const proxy = new Proxy(target, {
    set(real, key, value) {
      record(key)
      ;(real as Record<string | symbol, unknown>)[key] = value
      return true
    },
    deleteProperty(real, key) {
      record(key)
      return Reflect.deleteProperty(real, key)
    },
    defineProperty(real, key, descriptor) {
      record(key)
      return Reflect.defineProperty(real, key, descriptor)
    },
  })
  process.env = proxy
  // `import { env } from 'node:process'` binds at import time: refresh the ESM view.
  syncBuiltinESMExports()
  return {
    target,
    originOf: (name) => writes.get(name),
    reset: () => writes.clear(),
    restore(baseline) {
      restoreEnv(target, baseline)
      // Code may have replaced the whole object (`process.env = {...}`).
      if (process.env !== proxy) {
        process.env = proxy
        syncBuiltinESMExports()
      }
    },
    uninstall() {
      if (process.env === proxy) process.env = target
      syncBuiltinESMExports()
    },
  }
}

/** Makes `env` hold exactly the variables of `baseline`. */
export function restoreEnv(env: NodeJS.ProcessEnv, baseline: Readonly<Record<string, string>>): void {
  for (const name of Object.keys(env)) {
    if (!Object.hasOwn(baseline, name)) delete env[name]
  }
  for (const [name, value] of Object.entries(baseline)) {
    if (env[name] !== value) env[name] = value
  }
}
