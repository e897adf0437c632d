import { isAbsolute, relative } from 'node:path'

const MAX_SHOWN = 60

function isTagged(value: object): value is { $type: string; [key: string]: unknown } {
  return typeof (value as { $type?: unknown }).$type === 'string'
}

function shorten(text: string): string {
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN - 1)}…` : text
}

/**
 * A value as an execa-style message shows it: `` `"x"` (string) ``. Values a config child could
 * not send as data arrive tagged by encodeValue (`{ $type: 'function' }`) and read as what they were.
 */
export function describeValue(value: unknown): string {
  if (value === null) return '`null`'
  if (Array.isArray(value)) return `\`${shorten(JSON.stringify(value))}\` (array)`
  if (typeof value === 'object' && isTagged(value)) {
    if (value.$type === 'function')
      return `\`${shorten(`function ${String(value.name ?? '')}`.trim())}\` (function)`
    if (value.$type === 'RegExp')
      return `\`/${shorten(String(value.source))}/${String(value.flags)}\` (RegExp)`
    if (value.$type === 'undefined') return '`undefined`'
    if (typeof value.value === 'string') return `\`${shorten(value.value)}\` (${value.$type})`
    return `a ${value.$type}`
  }
  const shown = typeof value === 'string' ? JSON.stringify(value) : String(JSON.stringify(value) ?? value)
  return `\`${shorten(shown)}\` (${typeof value})`
}

/** A path as messages show it: relative to the cwd when inside it, else absolute. */
export function displayPath(cwd: string, path: string): string {
  const shown = relative(cwd, path)
  return shown === '' || shown.startsWith('..') || isAbsolute(shown) ? path : shown
}
