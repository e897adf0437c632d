import type { Recorder } from './recorder.js'
import { replaceMethod, wrapMethod } from './wrap.js'

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
  cloneThrough(proxy, real)
}

/**
 * structuredClone refuses every Proxy, while `structuredClone(process.env)` (a snapshot of the
 * environment) works in Node: it clones the real object, after enumerating through the proxy so
 * that the copy counts as reading all of it.
 */
function cloneThrough(proxy: NodeJS.ProcessEnv, real: NodeJS.ProcessEnv): void {
  replaceMethod(globalThis, 'structuredClone', (original) => (...args: never[]) => {
    if (args[0] !== proxy) return Reflect.apply(original, globalThis, args)
    Reflect.ownKeys(proxy)
    return Reflect.apply(original, globalThis, [real, ...args.slice(1)])
  })
}

interface NativeReader {
  /** The variables it reads, in the order it looks: each up to the first one set is a read. */
  names: readonly string[]
  /** What holds its methods; only asked for when one of the names is watched. */
  target: () => object
  methods: readonly string[]
}

const POSIX = process.platform !== 'win32'
const os = () => process.getBuiltinModule('node:os')

/** Local-time methods of Date: ICU reads TZ for them. */
const LOCAL_TIME_METHODS = [
  'getFullYear',
  'getMonth',
  'getDate',
  'getDay',
  'getHours',
  'getMinutes',
  'getTimezoneOffset',
  'toString',
  'toDateString',
  'toTimeString',
  'toLocaleString',
  'toLocaleDateString',
  'toLocaleTimeString',
]

/**
 * Node and ICU read these variables in C++, past process.env: calling the methods counts as reading
 * them (os.tmpdir falls back from TMPDIR to TMP to TEMP; local time follows TZ).
 */
const NATIVE_READERS: readonly NativeReader[] = [
  {
    names: POSIX ? ['TMPDIR', 'TMP', 'TEMP'] : ['TEMP', 'TMP', 'SystemRoot', 'windir'],
    target: os,
    methods: ['tmpdir'],
  },
  { names: POSIX ? ['HOME'] : ['USERPROFILE'], target: os, methods: ['homedir'] },
  { names: ['TZ'], target: () => Date.prototype, methods: LOCAL_TIME_METHODS },
  {
    names: ['TZ'],
    target: () => Intl.DateTimeFormat.prototype,
    methods: ['resolvedOptions', 'formatToParts'],
  },
]

/** Wraps the methods of the readers of a watched name, only then (node:os loads for its two). */
function probeNativeReads(
  env: NodeJS.ProcessEnv,
  reads: ReadonlySet<string>,
  recordRead: (key: string) => void,
): void {
  for (const { names, target, methods } of NATIVE_READERS) {
    if (!names.some((name) => reads.has(name))) continue
    const holder = target() as Record<string, unknown>
    const onCall = () => {
      for (const name of names) {
        recordRead(name)
        if (env[name]) break
      }
    }
    for (const method of methods) wrapMethod(holder, method, onCall)
  }
}

/**
 * process.loadEnvFile() sets variables in C++, past the Proxy: each one it added or changed counts
 * as written by its caller.
 */
export function recordEnvFileLoads(recorder: Recorder): void {
  replaceMethod(
    process,
    'loadEnvFile',
    (original) =>
      function (this: unknown, ...args: never[]) {
        const before = { ...process.env }
        const result = Reflect.apply(original, this, args)
        for (const [name, value] of Object.entries(process.env)) {
          if (before[name] !== value) recorder.record('env', name)
        }
        return result
      },
  )
}
