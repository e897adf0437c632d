// Structured clone says only `#<Object> could not be cloned.`: find the part of a value that it
// refused, so the message names the field to fix. Runs only once a clone has failed.

import { holdsPrivateState, privateStateClass } from './instances.js'
import { joinKey } from './paths.js'

/** structuredClone as it was before user code ran, which may replace it. */
export const clone = structuredClone
/** Containers deeper than this are not searched. */
const MAX_DEPTH = 50
/** What paths start from, as in diffs (`[0].value.db`). */
const ROOT = 'value'

/**
 * The message for a `child()` or `parent()` result that structured clone refused: the clone's own
 * reason, the part it refused, and what to return instead.
 *
 * @example
 * describeUncloneable('child()', { db: new WeakMap() }, error)
 * // 'child() returned a value that cannot be structured-cloned: `value.db` is a WeakMap (…). Return plain data …'
 */
export function describeUncloneable(hook: 'child()' | 'parent()', value: unknown, error: unknown): string {
  if (error instanceof RangeError && /call stack/i.test(error.message)) {
    return (
      `${hook} returned a value nested too deeply to copy (the stack ran out: thousands of levels). ` +
      'Return a flatter value, e.g. a list instead of a chain of nested objects.'
    )
  }
  const reason = (error instanceof Error ? error.message : String(error)).replace(/\.$/, '')
  const part = tryFinding(value)
  // A getter's own error is already in the part: `reading \`value.x\` threw Error: …`; for a
  // function the clone's reason is its whole source text, which says nothing more.
  const plain = part === undefined || part.includes(reason) || / is a function$/.test(part)
  const found = part === undefined ? reason : plain ? part : `${part} (${reason})`
  return (
    `${hook} returned a value that cannot be structured-cloned: ${found}. ` +
    'Return plain data: copy the fields to compare, e.g. `{ ...value }` for a class instance.'
  )
}

/**
 * The message for a `parent()` result holding an instance that keeps its state private (a URL,
 * Headers, a class with `#fields`), which no child could get: structured clone copies none of its
 * state (Node 20 makes `{}` of it, Node 24 refuses some); undefined when it holds none.
 */
export function describePrivateState(hook: 'parent()', value: unknown): string | undefined {
  try {
    if (!holdsPrivateState(value)) return undefined
  } catch {
    // A getter or a Proxy trap that throws: encoding the input meets it too, and names it.
    return undefined
  }
  return (
    `${hook} returned a value that structured clone cannot copy: ${tryFinding(value)}. ` +
    'Return its plain form: `url.href` for a URL, `Object.fromEntries(headers)` for Headers or ' +
    'URLSearchParams, the fields children need for a class with private fields.'
  )
}

/** findUncloneablePart, which never throws: a message about a failure must not fail itself. */
function tryFinding(value: unknown): string | undefined {
  try {
    return findUncloneablePart(value)
  } catch {
    return undefined
  }
}

/** What a property whose getter threw holds in childrenOf's list. */
class ThrewOnRead {
  constructor(readonly error: unknown) {}
}

/** In words, the first part of `value` that structured clone refuses: `` `value.db` is a Proxy ``. */
export function findUncloneablePart(value: unknown): string | undefined {
  const { types } = process.getBuiltinModule('node:util')
  const seen = new Set<object>()
  const visit = (item: unknown, path: string, depth: number): string | undefined => {
    const where = path === ROOT ? 'the value itself' : `\`${path}\``
    if (typeof item === 'function') return `${where} is a function`
    if (typeof item === 'symbol') return `${where} is a symbol`
    if (typeof item !== 'object' || item === null || seen.has(item) || depth > MAX_DEPTH) return undefined
    seen.add(item)
    if (types.isProxy(item)) return `${where} is a Proxy`
    if (item instanceof ThrewOnRead) return `reading ${where} threw ${describeThrown(item.error)}`
    if (types.isPromise(item)) return `${where} is a Promise (await it)`
    if (types.isWeakMap(item)) return `${where} is a WeakMap`
    if (types.isWeakSet(item)) return `${where} is a WeakSet`
    if (types.isModuleNamespaceObject(item)) return `${where} is a module namespace`
    const hidden = privateStateClass(item)
    if (hidden !== undefined) return `${where} is a ${hidden}, which keeps its state private`
    for (const [key, child] of childrenOf(item, path, types)) {
      const found = visit(child, key, depth + 1)
      if (found !== undefined) return found
    }
    // None of its parts is to blame: the object itself is one clone refuses (a socket handle, say).
    try {
      clone(item)
    } catch {
      return `${where} (${item.constructor?.name ?? 'an object'}) cannot be cloned`
    }
    return undefined
  }
  return visit(value, ROOT, 0)
}

/** The parts structured clone would copy, each with its path: `value[0]`, `value.name`, `value.get("a")`. */
function childrenOf(
  item: object,
  path: string,
  types: typeof import('node:util').types,
): Array<[string, unknown]> {
  if (types.isMap(item)) {
    return [...item].flatMap(
      ([key, child], index): Array<[string, unknown]> => [
        [`${path}.keys()[${index}]`, key],
        [`${path}.get(${describeKey(key)})`, child],
      ],
    )
  }
  if (types.isSet(item)) return [...item].map((child, index) => [`${path}.values()[${index}]`, child])
  if (ArrayBuffer.isView(item) || types.isAnyArrayBuffer(item)) return []
  const entries = item as Record<string, unknown>
  // The same paths as diffs: `[1]` in arrays, `.name` or `["a-b"]` in objects.
  const step = (key: string) => (Array.isArray(item) ? `${path}[${key}]` : joinKey(path, key))
  return Object.keys(item).map((key) => [step(key), readProperty(entries, key)])
}

/** A property's value, or what its getter threw (structured clone reads getters too). */
function readProperty(item: Record<string, unknown>, key: string): unknown {
  try {
    return item[key]
  } catch (error) {
    return new ThrewOnRead(error)
  }
}

function describeThrown(error: unknown): string {
  if (!(error instanceof Error)) return `\`${String(error)}\``
  return `${error.name}: ${error.message.split('\n')[0]}`
}

function describeKey(key: unknown): string {
  return typeof key === 'string' ? JSON.stringify(key) : typeof key === 'object' ? '…' : String(key)
}
