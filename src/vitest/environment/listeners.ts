import { captureStack, type Origin } from './stack.js'

const STACK_LIMIT = 32
const METHODS = ['on', 'addListener', 'prependListener', 'once', 'prependOnceListener'] as const

type Listener = (...args: unknown[]) => void

/** The listeners on `process`, per event, at one moment. */
export type ListenerSnapshot = Map<string | symbol, Listener[]>

/** One listener on `process` that was not there at the start of the file. */
export interface AddedListener {
  event: string | symbol
  listener: Listener
}

/** Records where each listener was added to `process`. */
export interface ListenerProbe {
  originOf(listener: Listener): Origin
  uninstall(): void
}

/**
 * Wraps the methods that add listeners to `process`. vitest keeps bound copies of the originals,
 * so its own listeners are never recorded and never reported.
 */
export function installListenerProbe(): ListenerProbe {
  const origins = new WeakMap<Listener, Origin>()
  const target = process as unknown as Record<string, unknown>
  const originals = new Map<string, { own: boolean; value: unknown }>()
  for (const method of METHODS) {
    const original = target[method] as (this: unknown, event: string | symbol, listener: Listener) => unknown
    originals.set(method, { own: Object.hasOwn(process, method), value: original })
    target[method] = function (this: unknown, event: string | symbol, listener: Listener) {
      // `once` wraps the listener; `process.listeners()` reports the original, so key by that.
      const key = (listener as Listener & { listener?: Listener })?.listener ?? listener
      if (typeof key === 'function' && !origins.has(key)) origins.set(key, captureStack(STACK_LIMIT))
      return original.call(this, event, listener)
    }
  }
  return {
    originOf: (listener) => origins.get(listener),
    uninstall() {
      for (const [method, { own, value }] of originals) {
        if (own) target[method] = value
        else delete target[method]
      }
    },
  }
}

/** The listeners on `process` right now. */
export function takeListenerSnapshot(): ListenerSnapshot {
  const snapshot: ListenerSnapshot = new Map()
  for (const event of process.eventNames()) {
    snapshot.set(event, (process.listeners as (name: string | symbol) => Listener[])(event))
  }
  return snapshot
}

/** Listeners in `after` that `before` did not have, by identity. */
export function diffListeners(before: ListenerSnapshot, after: ListenerSnapshot): AddedListener[] {
  const added: AddedListener[] = []
  for (const [event, listeners] of after) {
    const known = new Set(before.get(event) ?? [])
    for (const listener of listeners) if (!known.has(listener)) added.push({ event, listener })
  }
  return added
}
