import { dirname, isAbsolute, relative, sep } from 'node:path'
import { fileURLToPath } from 'node:url'

/** A captured call stack; V8 formats `stack` only when it is first read, so capturing is cheap. */
export interface StackHolder {
  stack?: string
}

/** Where something was created or set: the call stack at that moment. */
export type Origin = StackHolder | undefined

const OWN_DIR = dirname(fileURLToPath(import.meta.url))
// vitest and the libraries it runs on: their frames are never the place a user leaked something.
const HARNESS =
  /[\\/]node_modules[\\/](?:vitest|vite|vite-node|@vitest[\\/][^\\/]+|tinypool|birpc|tinyspy)[\\/]/
const NODE_MODULES = /[\\/]node_modules[\\/]/
const FRAME = /\(?((?:file:\/\/)?[^\s()]+?):(\d+):\d+\)?$/

/** Captures the current stack without the frames of `above` and what it called. */
export function captureStack(limit: number, above?: Function): StackHolder {
  const holder: StackHolder = {}
  const previous = Error.stackTraceLimit
  Error.stackTraceLimit = limit
  try {
    Error.captureStackTrace(holder, above)
  } catch {
    // Module evaluators can make V8 give up on a stack; a missing origin is better than a crash.
  } finally {
    Error.stackTraceLimit = previous
  }
  return holder
}

/**
 * The first frame in user code as `path:line` relative to `root`: a frame outside node_modules,
 * else a library frame, else `undefined` (node internals, vitest itself or forkcheck only).
 */
export function findUserFrame(stack: string | undefined, root: string): string | undefined {
  if (stack === undefined) return undefined
  let library: string | undefined
  for (const line of stack.split('\n')) {
    const location = parseFrameLocation(line)
    if (location === undefined || !isCandidate(location.path)) continue
    const shown = `${toRelative(root, location.path)}:${location.line}`
    if (!NODE_MODULES.test(location.path)) return shown
    library ??= shown
  }
  return library
}

/** Reads the location of one V8 stack line (`    at fn (/a/b.ts:3:9)`), if it has a file path. */
export function parseFrameLocation(line: string): { path: string; line: number } | undefined {
  if (!line.trimStart().startsWith('at ')) return undefined
  const match = FRAME.exec(line.trim())
  if (match === null) return undefined
  let path = match[1] ?? ''
  if (path.startsWith('file://')) {
    try {
      path = fileURLToPath(path)
    } catch {
      return undefined
    }
  }
  path = path.replace(/\?.*$/, '')
  if (!isAbsolute(path)) return undefined
  return { path, line: Number(match[2]) }
}

function isCandidate(path: string): boolean {
  if (HARNESS.test(path)) return false
  if (path.startsWith(OWN_DIR + sep) || path.includes(`${sep}vitest-environment-forkcheck${sep}`))
    return false
  return true
}

/** `path` relative to `root` with forward slashes, as forkcheck prints every location. */
export function toRelative(root: string, path: string): string {
  const shown = relative(root, path) || '.'
  return sep === '/' ? shown : shown.split(sep).join('/')
}
