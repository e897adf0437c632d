import { Buffer } from 'node:buffer'
import { sep } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { types } from 'node:util'
import { toJson } from '../channel/json.js'
import { isHarnessFile, isNodeFile, relativize } from '../stack/call-sites.js'
import type { ErrorInfo, PlainValue } from '../types.js'
import { InstanceView } from './instances.js'

/** Bytes of a binary value shown as hex; `length` always tells the full size. */
const MAX_HEX_BYTES = 1024
/** Characters of a non-error throwable shown in `message`. */
const MAX_THROWN_TEXT = 1000

type PlainObject = { [key: string]: PlainValue }

/**
 * Turns a structured-cloneable value into JSON-safe data. JSON values stay as they are; the rest
 * becomes `{ $type, … }`, and plain objects that own a `$type` key become `{ $type: 'object' }`.
 *
 * @example
 * encodeValue(new Map([['a', 1n]])) // { $type: 'Map', entries: [['a', { $type: 'bigint', value: '1' }]] }
 */
export function encodeValue(value: unknown): PlainValue {
  return encodeAny(value, new Map())
}

/** `ancestors` maps each object on the current path to its depth, to spot cycles. */
function encodeAny(value: unknown, ancestors: Map<object, number>): PlainValue {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return value
  if (typeof value === 'number') return encodeNumber(value)
  if (typeof value === 'undefined') return { $type: 'undefined' }
  if (typeof value === 'bigint') return { $type: 'bigint', value: value.toString() }
  // Not cloneable, but encoding must never throw inside a child.
  if (typeof value === 'symbol') return { $type: 'symbol', description: value.description ?? null }
  if (typeof value === 'function') return { $type: 'function', name: value.name }
  const depth = ancestors.get(value)
  if (depth !== undefined) return { $type: 'circular', up: ancestors.size - depth }
  ancestors.set(value, ancestors.size)
  try {
    return encodeObject(value, ancestors)
  } finally {
    ancestors.delete(value)
  }
}

function encodeNumber(value: number): PlainValue {
  if (Number.isFinite(value) && !Object.is(value, -0)) return value
  return { $type: 'number', value: Object.is(value, -0) ? '-0' : String(value) }
}

function encodeObject(value: object, ancestors: Map<object, number>): PlainValue {
  const encode = (item: unknown) => encodeAny(item, ancestors)
  if (Array.isArray(value)) return encodeArray(value, encode)
  if (types.isBoxedPrimitive(value)) return { $type: 'boxed', value: encode(value.valueOf()) }
  if (types.isDate(value)) return encodeDate(value)
  if (types.isRegExp(value)) return { $type: 'RegExp', source: value.source, flags: value.flags }
  if (types.isMap(value)) return { $type: 'Map', entries: [...value].map(([k, v]) => [encode(k), encode(v)]) }
  if (types.isSet(value)) return { $type: 'Set', values: [...value].map(encode) }
  if (types.isNativeError(value) || value instanceof Error) return encodeErrorValue(value as Error, encode)
  if (types.isAnyArrayBuffer(value) || ArrayBuffer.isView(value)) return encodeBytes(value)
  if (value instanceof InstanceView) return encodeInstance(value, encode)
  return encodePlainObject(value as Record<string, unknown>, encode)
}

function encodeArray(value: unknown[], encode: (item: unknown) => PlainValue): PlainValue {
  const indexes = Object.keys(value)
  if (indexes.length >= value.length) return Array.from(value, encode)
  // Sparse arrays may be huge (`arr[1e9] = 1`): keep only the slots that exist.
  const entries = indexes.filter((key) => /^\d+$/.test(key)).map((key) => [Number(key), encode(value[+key])])
  return { $type: 'sparse', length: value.length, entries }
}

function encodeDate(value: Date): PlainValue {
  const time = value.getTime()
  return Number.isNaN(time) ? { $type: 'Date', invalid: true } : { $type: 'Date', iso: value.toISOString() }
}

function encodeErrorValue(error: Error, encode: (item: unknown) => PlainValue): PlainValue {
  const encoded: PlainObject = { $type: 'Error', name: String(error.name), message: String(error.message) }
  const code = readCode(error)
  if (code !== undefined) encoded.code = code
  if (error.cause !== undefined) encoded.cause = encode(error.cause)
  return encoded
}

function encodeBytes(value: ArrayBufferLike | ArrayBufferView): PlainValue {
  const view = ArrayBuffer.isView(value) ? value : new Uint8Array(value)
  const kind = Buffer.isBuffer(value) ? 'Buffer' : Object.prototype.toString.call(value).slice(8, -1)
  const shown = Math.min(view.byteLength, MAX_HEX_BYTES)
  const hex = Buffer.from(view.buffer, view.byteOffset, shown).toString('hex')
  return { $type: 'bytes', kind, length: view.byteLength, hex }
}

/** `{ $type: 'instance', class: 'URL', json: 'http://a/' }`; `entries` for an iterable, neither for one that shows nothing. */
function encodeInstance(view: InstanceView, encode: (item: unknown) => PlainValue): PlainValue {
  const encoded: PlainObject = { $type: 'instance', class: view.className }
  if (view.shows !== undefined) encoded[view.shows] = encode(view.shown)
  if (view.cut) encoded.cut = true
  return encoded
}

function encodePlainObject(
  value: Record<string, unknown>,
  encode: (item: unknown) => PlainValue,
): PlainValue {
  const keys = Object.keys(value)
  // A user key named `$type` would read as a tag: spell such objects out as entries.
  if (keys.includes('$type'))
    return { $type: 'object', entries: keys.map((key) => [key, encode(value[key])]) }
  const encoded: PlainObject = {}
  for (const key of keys) encoded[key] = encode(value[key])
  return encoded
}

/**
 * Describes a thrown value as plain data, with the first stack frame in user code.
 * Frames of Node itself and of forkcheck (`node_modules/forkcheck/` or `harnessDir`) are skipped.
 *
 * @example
 * encodeError(new TypeError('bad'), '/app') // { name: 'TypeError', message: 'bad', at: 'src/a.ts:3', stack: … }
 */
export function encodeError(error: unknown, root: string, harnessDir?: string): ErrorInfo {
  return encodeErrorAt(error, root, harnessDir, new Set(), 0)
}

/** Causes and aggregated errors deeper than this are left out. */
const MAX_ERROR_DEPTH = 5
/** Aggregated errors listed per AggregateError. */
const MAX_AGGREGATED = 20

/**
 * One error of a chain: the thrown one with its stack, the ones it wraps (`cause`, an
 * AggregateError's `errors`) without, so that two outcomes that differ only in why a wrapped
 * call failed (ENOENT against EACCES) still differ. `seen` guards against cycles.
 */
function encodeErrorAt(
  error: unknown,
  root: string,
  harnessDir: string | undefined,
  seen: Set<object>,
  depth: number,
): ErrorInfo {
  if (!isErrorLike(error)) return { name: 'NonError', message: describeThrown(error) }
  seen.add(error)
  const info: ErrorInfo = { name: readName(error), message: String(error.message) }
  const code = readCode(error)
  if (code !== undefined) info.code = code
  const stack = readProperty(error, 'stack')
  if (typeof stack === 'string') {
    const isHarness = (file: string) => isHarnessFile(file, harnessDir)
    const at = findUserFrame(stack, isHarness)
    if (at !== undefined) info.at = `${relativize(at.file, root)}:${at.line}`
    if (depth === 0) info.stack = cleanStack(stack, root, isHarness)
  }
  if (depth >= MAX_ERROR_DEPTH) return info
  const inner = (value: unknown) => encodeErrorAt(value, root, harnessDir, seen, depth + 1)
  const cause = readProperty(error, 'cause')
  if (cause !== undefined && !(typeof cause === 'object' && cause !== null && seen.has(cause)))
    info.cause = inner(cause)
  const errors = readProperty(error, 'errors')
  if (Array.isArray(errors) && (types.isNativeError(error) || error instanceof Error))
    info.errors = errors
      .slice(0, MAX_AGGREGATED)
      .filter((item) => !(typeof item === 'object' && item !== null && seen.has(item)))
      .map(inner)
  return info
}

interface ErrorLike {
  message: unknown
}

function isErrorLike(value: unknown): value is ErrorLike & object {
  if (types.isNativeError(value) || value instanceof Error) return true
  return typeof value === 'object' && value !== null && typeof readProperty(value, 'message') === 'string'
}

function readName(error: object): string {
  const name = readProperty(error, 'name')
  if (typeof name === 'string' && name !== '') return name
  return types.isNativeError(error) || error instanceof Error ? 'Error' : 'NonError'
}

function readCode(error: object): string | undefined {
  const code = readProperty(error, 'code')
  return typeof code === 'string' || typeof code === 'number' ? String(code) : undefined
}

/** Reads a property whose getter might throw: describing an error must not fail. */
function readProperty(value: object, key: string): unknown {
  try {
    return (value as Record<string, unknown>)[key]
  } catch {
    return undefined
  }
}

function describeThrown(value: unknown): string {
  if (typeof value === 'string') return value
  let text: string
  try {
    text = toJson(encodeValue(value))
  } catch {
    text = String(value)
  }
  return text.length > MAX_THROWN_TEXT ? `${text.slice(0, MAX_THROWN_TEXT)}…` : text
}

interface Frame {
  file: string
  line: string
}

function findUserFrame(stack: string, isHarness: (file: string) => boolean): Frame | undefined {
  for (const line of stack.split('\n')) {
    const frame = parseFrame(line)
    if (frame !== undefined && !isNodeFile(frame.file) && !isHarness(frame.file)) return frame
  }
  return undefined
}

/** Parses `    at fn (/a/b.js:3:7)`, `    at async file:///a/b.mjs:3:7` and eval frames. */
function parseFrame(line: string): Frame | undefined {
  const text = line.trim()
  if (!text.startsWith('at ')) return undefined
  let location = text.slice(3).replace(/^async /, '')
  if (location.endsWith(')')) location = unwrapLocation(location)
  const match = /^(.*?):(\d+)(?::\d+)?$/.exec(location)
  if (match === null) return undefined
  return { file: toPath(match[1]!), line: match[2]! }
}

/** Returns what the last balanced `( … )` holds; for `eval at f (loc), <anonymous>:1:1` that loc. */
function unwrapLocation(text: string): string {
  let depth = 0
  for (let index = text.length - 1; index >= 0; index--) {
    if (text[index] === ')') depth++
    if (text[index] === '(') depth--
    if (depth !== 0) continue
    const inner = text.slice(index + 1, -1)
    if (!inner.startsWith('eval at ')) return inner
    const comma = inner.lastIndexOf(', ')
    return comma > 0 ? unwrapLocation(inner.slice(0, comma)) : inner
  }
  return text
}

function toPath(file: string): string {
  if (!file.startsWith('file://')) return file
  try {
    return fileURLToPath(file)
  } catch {
    return file
  }
}

function cleanStack(stack: string, root: string, isHarness: (file: string) => boolean): string {
  const kept = stack.split('\n').filter((line) => {
    const frame = parseFrame(line)
    return frame === undefined || !isHarness(frame.file)
  })
  const rootUrl = `${pathToFileURL(root).href}/`
  return kept.join('\n').replaceAll(rootUrl, '').replaceAll(`${root}${sep}`, '')
}
