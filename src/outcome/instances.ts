// A class instance that keeps its state private — a URL, Headers, URLSearchParams, a class with
// `#fields` — owns no enumerable property: structured clone makes `{}` of it on Node 20 (so two
// different URLs compared the same) and refuses some of them on Node 24. A child's result is
// compared by what such an object shows instead, the same way on every Node: its class, and its
// toJSON() or, when it is iterable, its entries.
//
// A Proxy, which structured clone refuses whatever it wraps, is copied through its traps as code
// that uses it sees it: node-config's objects are Proxies, and so is `process.env` in a child, where
// forkcheck's probe wraps it (a plain Node process clones `process.env` without complaint).

import { types } from 'node:util'

/** Entries read from one iterable instance; a longer one is cut (and says so). */
const MAX_ENTRIES = 1000

/** What a child's result holds in place of an instance with private state; encoded as `instance`. */
export class InstanceView {
  /** How it shows: its toJSON() result, or its entries; undefined when it shows nothing. */
  shows: 'json' | 'entries' | undefined
  /** The toJSON() result or the entries, with instances in them viewed in turn. */
  shown: unknown
  /** More than MAX_ENTRIES entries: the rest were left out. */
  cut = false

  constructor(readonly className: string) {}
}

/**
 * `value` with every instance that keeps its state private replaced by an InstanceView, inside
 * arrays, plain objects, Maps and Sets; `value` itself when it holds none (nothing is copied).
 *
 * @example
 * encodeValue(viewInstances({ api: new URL('http://a/') }))
 * // { api: { $type: 'instance', class: 'URL', json: 'http://a/' } }
 */
export function viewInstances(value: unknown): unknown {
  return holds(value, isViewed) ? replace(value, new Map(), true) : value
}

/**
 * `value` with every Proxy in it replaced by a copy read through its traps, for parent()'s result:
 * a child gets its plain copy, while an instance with private state stays (it is refused by name).
 *
 * @example
 * copyProxies({ db: config.get('db') }) // { db: { host: 'db.prod', pool: 50 } }, no Proxy left
 */
export function copyProxies(value: unknown): unknown {
  return holds(value, types.isProxy) ? replace(value, new Map(), false) : value
}

/** The class of `value` when it is an instance that keeps its state private; undefined otherwise. */
export function privateStateClass(value: unknown): string | undefined {
  return isPrivateState(value) ? classOf(value as object) : undefined
}

/** Whether such an instance is reachable through arrays, plain objects, Maps and Sets. */
export function holdsPrivateState(value: unknown): boolean {
  return holds(value, isPrivateState)
}

function isPrivateState(value: unknown): boolean {
  // A Proxy is read through instead (readThrough); a revoked one throws at Array.isArray.
  if (typeof value !== 'object' || value === null || types.isProxy(value) || Array.isArray(value))
    return false
  const proto = Object.getPrototypeOf(value) as object | null
  if (proto === null || proto === Object.prototype || isForeignObjectPrototype(proto)) return false
  if (isClonedByType(value as object)) return false
  return Object.keys(value as object).length === 0
}

/** Object.prototype of another realm (a vm context): its plain objects are plain. */
function isForeignObjectPrototype(proto: object): boolean {
  return Object.getPrototypeOf(proto) === null && proto.constructor?.name === 'Object'
}

/** Types structured clone and encodeValue handle by what they are (or refuse, with a reason). */
const CLONED_BY_TYPE: ReadonlyArray<(value: object) => boolean> = [
  types.isBoxedPrimitive,
  types.isDate,
  types.isRegExp,
  types.isMap,
  types.isSet,
  (value) => types.isNativeError(value) || value instanceof Error,
  (value) => types.isAnyArrayBuffer(value) || ArrayBuffer.isView(value),
  types.isPromise,
  types.isProxy,
  types.isWeakMap,
  types.isWeakSet,
  (value) => value instanceof WeakRef || value instanceof FinalizationRegistry,
]

function isClonedByType(value: object): boolean {
  return CLONED_BY_TYPE.some((test) => test(value))
}

function classOf(value: object): string {
  const name = (value.constructor as { name?: unknown } | undefined)?.name
  return typeof name === 'string' && name !== '' ? name : 'Object'
}

/** Whether a part that passes `test` is reachable through arrays, plain objects, Maps and Sets. */
function holds(value: unknown, test: (item: object) => boolean, seen = new Set<object>()): boolean {
  if (typeof value !== 'object' || value === null || seen.has(value)) return false
  seen.add(value)
  return test(value) || containedIn(value).some((item) => holds(item, test, seen))
}

const isViewed = (item: object): boolean => isPrivateState(item) || types.isProxy(item)

/** The values a container holds, for the containers this module looks into; none for others. */
function containedIn(value: object): unknown[] {
  if (types.isProxy(value)) return []
  if (Array.isArray(value)) return [...value]
  if (types.isMap(value)) return [...value].flat()
  if (types.isSet(value)) return [...value]
  if (isPlainObject(value)) return Object.values(value)
  return []
}

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value) as object | null
  return proto === null || proto === Object.prototype
}

/**
 * A copy with Proxies (and, with `views`, instances with private state) replaced; `copies` keeps
 * shared and cyclic references as they were.
 */
function replace(value: unknown, copies: Map<object, unknown>, views: boolean): unknown {
  if (typeof value !== 'object' || value === null) return value
  const done = copies.get(value)
  if (done !== undefined) return done
  if (types.isProxy(value)) return readThrough(value, copies, views)
  if (views && isPrivateState(value)) {
    // Registered before it is filled: a toJSON() that returns the instance itself ends there.
    const view = new InstanceView(classOf(value))
    copies.set(value, view)
    fillView(view, value, copies)
    return view
  }
  if (Array.isArray(value)) {
    const copy: unknown[] = []
    copies.set(value, copy)
    for (const item of value) copy.push(replace(item, copies, views))
    return copy
  }
  if (types.isMap(value)) {
    const copy = new Map()
    copies.set(value, copy)
    for (const [key, item] of value) copy.set(replace(key, copies, views), replace(item, copies, views))
    return copy
  }
  if (types.isSet(value)) {
    const copy = new Set()
    copies.set(value, copy)
    for (const item of value) copy.add(replace(item, copies, views))
    return copy
  }
  if (!isPlainObject(value)) return value
  const copy: Record<string, unknown> = Object.create(Object.getPrototypeOf(value))
  copies.set(value, copy)
  for (const [key, item] of Object.entries(value)) copy[key] = replace(item, copies, views)
  return copy
}

/**
 * A Proxy as code that uses it sees it, read through its traps: an array of its items when it
 * wraps an array, otherwise a plain object of its own enumerable properties. A trap that throws,
 * or a revoked Proxy, throws here, and the caller names the part.
 */
function readThrough(proxy: object, copies: Map<object, unknown>, views: boolean): unknown {
  if (Array.isArray(proxy)) {
    const items = proxy as unknown[]
    const copy: unknown[] = []
    copies.set(proxy, copy)
    for (let index = 0; index < items.length; index++) copy.push(replace(items[index], copies, views))
    return copy
  }
  const copy: Record<string, unknown> = {}
  copies.set(proxy, copy)
  const fields = proxy as Record<string, unknown>
  for (const key of Object.keys(proxy)) copy[key] = replace(fields[key], copies, views)
  return copy
}

/** What the instance shows: toJSON() if it has one, else its entries if it is iterable. */
function fillView(view: InstanceView, value: object, copies: Map<object, unknown>): void {
  const { toJSON, [Symbol.iterator]: iterate } = value as {
    toJSON?: unknown
    [Symbol.iterator]?: unknown
  }
  try {
    if (typeof toJSON === 'function') {
      const json: unknown = toJSON.call(value)
      view.shown = json === value ? undefined : replace(json, copies, true)
      view.shows = json === value ? undefined : 'json'
    } else if (typeof iterate === 'function') {
      const entries: unknown[] = []
      for (const entry of value as Iterable<unknown>) {
        if (entries.length === MAX_ENTRIES) {
          view.cut = true
          break
        }
        entries.push(replace(entry, copies, true))
      }
      view.shown = entries
      view.shows = 'entries'
    }
  } catch {
    // A toJSON or an iterator that throws shows nothing: the class is still compared.
    view.shown = undefined
    view.shows = undefined
  }
}
