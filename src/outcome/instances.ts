// A class instance that keeps its state private — a URL, Headers, URLSearchParams, a class with
// `#fields` — owns no enumerable property: structured clone makes `{}` of it on Node 20 (so two
// different URLs compared the same) and refuses some of them on Node 24. A child's result is
// compared by what such an object shows instead, the same way on every Node: its class, and its
// toJSON() or, when it is iterable, its entries.

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
  return holdsPrivateState(value) ? replace(value, new Map()) : value
}

/** The class of `value` when it is an instance that keeps its state private; undefined otherwise. */
export function privateStateClass(value: unknown): string | undefined {
  return isPrivateState(value) ? classOf(value as object) : undefined
}

/** Whether such an instance is reachable through arrays, plain objects, Maps and Sets. */
export function holdsPrivateState(value: unknown): boolean {
  return holdsInstance(value, new Set())
}

function isPrivateState(value: unknown): boolean {
  // A Proxy is refused by structured clone, and a revoked one throws at Array.isArray.
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

/** Whether an instance with private state is reachable through arrays, plain objects, Maps and Sets. */
function holdsInstance(value: unknown, seen: Set<object>): boolean {
  if (typeof value !== 'object' || value === null || seen.has(value)) return false
  seen.add(value)
  if (isPrivateState(value)) return true
  return containedIn(value).some((item) => holdsInstance(item, seen))
}

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

/** A copy with instances replaced; `copies` keeps shared and cyclic references as they were. */
function replace(value: unknown, copies: Map<object, unknown>): unknown {
  if (typeof value !== 'object' || value === null || types.isProxy(value)) return value
  const done = copies.get(value)
  if (done !== undefined) return done
  if (isPrivateState(value)) {
    // Registered before it is filled: a toJSON() that returns the instance itself ends there.
    const view = new InstanceView(classOf(value))
    copies.set(value, view)
    fillView(view, value, copies)
    return view
  }
  if (Array.isArray(value)) {
    const copy: unknown[] = []
    copies.set(value, copy)
    for (const item of value) copy.push(replace(item, copies))
    return copy
  }
  if (types.isMap(value)) {
    const copy = new Map()
    copies.set(value, copy)
    for (const [key, item] of value) copy.set(replace(key, copies), replace(item, copies))
    return copy
  }
  if (types.isSet(value)) {
    const copy = new Set()
    copies.set(value, copy)
    for (const item of value) copy.add(replace(item, copies))
    return copy
  }
  if (!isPlainObject(value)) return value
  const copy: Record<string, unknown> = Object.create(Object.getPrototypeOf(value))
  copies.set(value, copy)
  for (const [key, item] of Object.entries(value)) copy[key] = replace(item, copies)
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
      view.shown = json === value ? undefined : replace(json, copies)
      view.shows = json === value ? undefined : 'json'
    } else if (typeof iterate === 'function') {
      const entries: unknown[] = []
      for (const entry of value as Iterable<unknown>) {
        if (entries.length === MAX_ENTRIES) {
          view.cut = true
          break
        }
        entries.push(replace(entry, copies))
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
