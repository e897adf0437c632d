import { isAbsolute, relative } from 'node:path'

const MAX_SHOWN = 60

function isTagged(value: object): value is { $type: string; [key: string]: unknown } {
  return typeof (value as { $type?: unknown }).$type === 'string'
}

function shorten(text: string): string {
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN - 1)}…` : text
}

/**
 * A bad value as an execa-style message shows it: `` `"x"` (string) ``, `` `Infinity` (number) ``.
 * The one rendering of config, scenario and vitest-environment options alike. Values a config child
 * could not send as data arrive tagged by encodeValue (`{ $type: 'function' }`) and read as what
 * they were.
 */
export function describeValue(value: unknown): string {
  if (typeof value === 'object' && value !== null && !Array.isArray(value) && isTagged(value)) {
    if (value.$type === 'function') return `\`${shorten(functionText(String(value.name ?? '')))}\` (function)`
    if (value.$type === 'RegExp')
      return `\`/${shorten(String(value.source))}/${String(value.flags)}\` (RegExp)`
    if (value.$type === 'undefined') return describeValue(undefined)
    if (typeof value.value === 'string') return `\`${shorten(value.value)}\` (${value.$type})`
    return `a ${value.$type}`
  }
  const type = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value
  return `\`${shorten(show(value))}\` (${type})`
}

function functionText(name: string): string {
  return name ? `function ${name}` : 'function'
}

function show(value: unknown): string {
  if (typeof value === 'function') return functionText(value.name)
  // JSON would show Infinity and NaN as null, -0 as 0, and throw at a bigint.
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value)
  if (typeof value === 'bigint') return `${value}n`
  if (typeof value === 'symbol' || value === undefined) return String(value)
  try {
    return JSON.stringify(value) ?? String(value)
  } catch {
    return String(value)
  }
}

/** A path as messages show it: relative to the cwd when inside it, else absolute. */
export function displayPath(cwd: string, path: string): string {
  const shown = relative(cwd, path)
  return shown === '' || shown.startsWith('..') || isAbsolute(shown) ? path : shown
}
