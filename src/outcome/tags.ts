import type { PlainValue } from '../types.js'

// encodeValue tags what JSON cannot hold: `{ $type: 'undefined' }`, `{ $type: 'bigint', value: '1' }`.
// Most tags stand for one value each and are compared and shown whole; Map, Set, Error, sparse
// arrays, objects owning a `$type` key and instances that show an object or entries hold values
// of their own, compared one by one.

type Tagged = { $type: string; [key: string]: PlainValue }

const SCALAR_TAGS = new Set([
  'undefined',
  'bigint',
  'number',
  'symbol',
  'function',
  'circular',
  'boxed',
  'Date',
  'RegExp',
  'bytes',
])

function isTagged(value: PlainValue | undefined): value is Tagged {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    typeof (value as { $type?: unknown }).$type === 'string'
  )
}

/** True for what encodeValue made of one value that JSON cannot hold: `undefined`, `1n`, a Date … */
export function isScalarTag(value: PlainValue | undefined): boolean {
  return isTagged(value) && (SCALAR_TAGS.has(value.$type) || isScalarInstance(value))
}

/** An instance with private state that shows nothing, or one value (a URL's toJSON(): its href). */
function isScalarInstance(value: Tagged): boolean {
  if (value.$type !== 'instance' || value.entries !== undefined) return false
  return value.json === undefined || value.json === null || typeof value.json !== 'object'
}

/**
 * A scalar tag as JavaScript would print the value it stands for; `undefined` for anything else.
 *
 * @example
 * showScalarTag({ $type: 'bigint', value: '12' }) // '12n'
 * showScalarTag({ $type: 'undefined' }) // 'undefined'
 * showScalarTag({ $type: 'instance', class: 'URL', json: 'http://a/' }) // 'URL("http://a/")'
 */
export function showScalarTag(value: PlainValue | undefined): string | undefined {
  if (!isTagged(value) || !isScalarTag(value)) return undefined
  switch (value.$type) {
    case 'instance':
      return value.json === undefined
        ? `[${String(value.class)}]`
        : `${String(value.class)}(${JSON.stringify(value.json)})`
    case 'undefined':
      return 'undefined'
    case 'bigint':
      return `${String(value.value)}n`
    case 'number':
      return String(value.value)
    case 'symbol':
      return `Symbol(${value.description === null ? '' : String(value.description)})`
    case 'function':
      return value.name ? `[Function: ${String(value.name)}]` : '[Function (anonymous)]'
    case 'circular':
      return `[Circular, ${String(value.up)} up]`
    case 'boxed':
      return `[boxed ${showScalarTag(value.value) ?? JSON.stringify(value.value)}]`
    case 'Date':
      return value.invalid ? 'Invalid Date' : String(value.iso)
    case 'RegExp':
      return `/${String(value.source)}/${String(value.flags)}`
    default: {
      const hex = String(value.hex)
      const more = Number(value.length) * 2 > hex.length ? '…' : ''
      return `${String(value.kind)}(${String(value.length)}) ${hex}${more}`
    }
  }
}
