import type { Recorder } from './recorder.js'
import { wrapMethod } from './wrap.js'

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
  probeNativeReads(real, reads, recordRead)
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

/**
 * Node functions that read variables in C++, past process.env, in the order they look: each name
 * up to the first one that is set is a read (os.tmpdir falls back from TMPDIR to TMP to TEMP).
 */
const NATIVE_READERS: Record<'tmpdir' | 'homedir', readonly string[]> =
  process.platform === 'win32'
    ? { tmpdir: ['TEMP', 'TMP', 'SystemRoot', 'windir'], homedir: ['USERPROFILE'] }
    : { tmpdir: ['TMPDIR', 'TMP', 'TEMP'], homedir: ['HOME'] }

/** Wraps os.tmpdir and os.homedir, only when a watched name is one they read (node:os loads then). */
function probeNativeReads(
  env: NodeJS.ProcessEnv,
  reads: ReadonlySet<string>,
  recordRead: (key: string) => void,
): void {
  const readers = Object.entries(NATIVE_READERS).filter(([, names]) => names.some((name) => reads.has(name)))
  if (readers.length === 0) return
  const os = process.getBuiltinModule('node:os')
  for (const [method, names] of readers) {
    wrapMethod(os, method as keyof typeof NATIVE_READERS, () => {
      for (const name of names) {
        recordRead(name)
        if (env[name]) break
      }
    })
  }
}
