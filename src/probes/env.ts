import type { Recorder } from './recorder.js'

/**
 * Puts a Proxy over process.env that records reads (`get`, `in`) and enumeration (`*`), and
 * optionally writes; behaviour is unchanged, including for children the code starts.
 */
export function probeEnv(recorder: Recorder, { reads = true, writes = false } = {}): void {
  const real = process.env
  const proxy = new Proxy(real, {
    get(target, key) {
      if (reads && typeof key === 'string') recorder.record('env', key)
      return Reflect.get(target, key)
    },
    has(target, key) {
      if (reads && typeof key === 'string') recorder.record('env', key)
      return Reflect.has(target, key)
    },
    ownKeys(target) {
      if (reads) recorder.record('env', '*')
      return Reflect.ownKeys(target)
    },
    set(target, key, value) {
      if (writes && typeof key === 'string') recorder.record('env', key)
      return Reflect.set(target, key, value)
    },
    deleteProperty(target, key) {
      if (writes && typeof key === 'string') recorder.record('env', key)
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
