import type { Recorder } from './recorder.js'

export interface EnvProbeOptions {
  /** Names whose reads (`get`, `in`) are recorded; enumeration records `*` unless empty. */
  reads?: ReadonlySet<string>
  /** Record writes and deletes of any name (the parent's recorder). */
  writes?: boolean
}

/**
 * Puts a Proxy over process.env that records reads and enumeration, and optionally writes;
 * behaviour is unchanged, including for children the code starts.
 */
export function probeEnv(recorder: Recorder, { reads = new Set(), writes = false }: EnvProbeOptions): void {
  const real = process.env
  const recordRead = (key: string | symbol) => {
    if (typeof key === 'string' && reads.has(key)) recorder.record('env', key)
  }
  const recordWrite = (key: string | symbol) => {
    if (writes && typeof key === 'string') recorder.record('env', key)
  }
  const proxy = new Proxy(real, {
    get(target, key) {
      recordRead(key)
      return Reflect.get(target, key)
    },
    has(target, key) {
      recordRead(key)
      return Reflect.has(target, key)
    },
    ownKeys(target) {
      if (reads.size > 0) recorder.record('env', '*')
      return Reflect.ownKeys(target)
    },
    set(target, key, value) {
      recordWrite(key)
      return Reflect.set(target, key, value)
    },
    deleteProperty(target, key) {
      recordWrite(key)
      return Reflect.deleteProperty(target, key)
    },
  })
  Object.defineProperty(process, 'env', {
    value: proxy,
    writable: true,
    enumerable: true,
    configurable: true,
  })
}
