// parent()'s result on its way to every child, as structured clone would copy it. Most results are
// plain config (objects, arrays, strings, numbers) and travel as JSON: node:v8 costs a process 2-4
// ms to load (with streams, on Node 20), and Node 24 loads it nowhere else. Anything JSON would
// not copy exactly (a Map, a Date, undefined, -0, a shared or cyclic reference, an accessor, a
// class instance) travels v8-serialized, with structured clone's errors.

import { fromJson, toJson } from '../channel/json.js'

const JSON_TAG = 'j'
const V8_TAG = 'v'
/** Past this many values (or this deep), v8's serializer is the faster way. */
const MAX_JSON_VALUES = 10_000
const MAX_JSON_DEPTH = 100

/**
 * Encodes a parent() result as a string for a frame; throws what `v8.serialize` throws for a value
 * structured clone cannot copy.
 *
 * @example
 * decodeInput(encodeInput({ port: 3000 })) // { port: 3000 }, without loading node:v8
 */
export function encodeInput(value: unknown): string {
  if (copiesAsJson(value)) return JSON_TAG + toJson(value)
  return V8_TAG + process.getBuiltinModule('node:v8').serialize(value).toString('base64')
}

/** The value encodeInput encoded, as structured clone would have copied it. */
export function decodeInput(text: string): unknown {
  const body = text.slice(1)
  if (text.startsWith(JSON_TAG)) return fromJson(body)
  return process.getBuiltinModule('node:v8').deserialize(Buffer.from(body, 'base64'))
}

/**
 * True when JSON.parse(JSON.stringify(value)) equals structuredClone(value): only null, booleans,
 * strings, finite numbers other than -0, dense arrays and ordinary objects of them, each object
 * reached once, every property a plain data property. Reads no property through a getter.
 */
function copiesAsJson(value: unknown): boolean {
  const { types } = process.getBuiltinModule('node:util')
  const seen = new Set<object>()
  const pending: { value: unknown; depth: number }[] = [{ value, depth: 0 }]
  let visited = 0
  while (pending.length > 0) {
    if (++visited > MAX_JSON_VALUES) return false
    const next = pending.pop()!
    const item = next.value
    if (item === null || typeof item === 'boolean' || typeof item === 'string') continue
    if (typeof item === 'number') {
      if (Number.isFinite(item) && !Object.is(item, -0)) continue
      return false
    }
    if (typeof item !== 'object' || seen.has(item) || next.depth >= MAX_JSON_DEPTH) return false
    seen.add(item)
    // Exotic objects an ordinary prototype does not give away: structured clone refuses them.
    if (types.isProxy(item) || types.isModuleNamespaceObject(item) || types.isArgumentsObject(item))
      return false
    const prototype = Object.getPrototypeOf(item)
    const isArray = Array.isArray(item)
    if (isArray ? prototype !== Array.prototype : prototype !== Object.prototype && prototype !== null)
      return false
    if (isArray && (item as unknown[]).length > MAX_JSON_VALUES) return false
    const descriptors = Object.getOwnPropertyDescriptors(item)
    const keys = Reflect.ownKeys(descriptors)
    // An array's own keys are its indices and `length`: no holes, no extra properties.
    if (isArray && keys.length !== (item as unknown[]).length + 1) return false
    for (const key of keys) {
      if (isArray && key === 'length') continue
      const descriptor = descriptors[key as string]!
      if (typeof key === 'symbol' || !descriptor.enumerable) {
        if (isArray) return false
        // Neither copies symbol-keyed or non-enumerable properties.
        continue
      }
      if (!('value' in descriptor)) return false
      pending.push({ value: descriptor.value, depth: next.depth + 1 })
    }
  }
  return true
}
