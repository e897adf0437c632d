import { isAbsolute, relative, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { TS_EXTENSION } from '../ts/extension.js'

type CallSite = NodeJS.CallSite

/**
 * V8's call sites of the current stack, from the caller or from above `above`. Structured sites instead of a
 * stack string: no formatting, no source-map lookup for every frame (Node 24 maps each one while
 * source maps are on), and immune to a user's own `Error.prepareStackTrace`.
 */
export function captureCallSites(limit: number, above?: Function): CallSite[] {
  const { prepareStackTrace, stackTraceLimit } = Error
  const hadPrepare = Object.hasOwn(Error, 'prepareStackTrace')
  const holder: { stack?: unknown } = {}
  try {
    Error.stackTraceLimit = limit
    Error.prepareStackTrace = (_, sites) => sites
    Error.captureStackTrace(holder, above ?? captureCallSites)
    return Array.isArray(holder.stack) ? (holder.stack as CallSite[]) : []
  } finally {
    if (hadPrepare) Error.prepareStackTrace = prepareStackTrace
    else delete (Error as { prepareStackTrace?: unknown }).prepareStackTrace
    Error.stackTraceLimit = stackTraceLimit
  }
}

/** A call site's file as a path (ESM sites name a `file:` URL), without a query such as vite's `?v=`. */
export function siteFile(site: CallSite): string | undefined {
  const name = site.getFileName() ?? undefined
  if (!name) return undefined
  if (!name.startsWith('file:')) return name
  try {
    return fileURLToPath(name.replace(/[?#].*$/, ''))
  } catch {
    return name
  }
}

/** Node's own code: `node:` and `internal/` modules, and sites without a path. */
export function isNodeFile(file: string): boolean {
  return file.startsWith('node:') || file.startsWith('internal/') || !/[/\\]/.test(file)
}

/** forkcheck's own code: an installed copy, or anything under `harnessDir` (its dist/). */
export function isHarnessFile(file: string, harnessDir: string | undefined): boolean {
  const slashed = file.replaceAll('\\', '/')
  if (slashed.includes('/node_modules/forkcheck/')) return true
  if (harnessDir === undefined) return false
  const inside = relative(harnessDir, file)
  return inside !== '' && !inside.startsWith('..') && !isAbsolute(inside)
}

/** A path inside the root becomes relative with `/` separators; others stay as they are. */
export function relativize(file: string, root: string): string {
  const inside = relative(root, file)
  if (inside.startsWith('..') || isAbsolute(inside)) return file
  return inside.split(sep).join('/')
}

interface SourceMapEntry {
  originalSource?: string
  originalLine?: number
}

/** Source maps the user turned on (`--enable-source-maps`), before forkcheck did for TypeScript. */
const userSourceMaps = process.sourceMapsEnabled

/**
 * `file:line` (1-based line) of a generated position, relative to the root: through the file's
 * source map for TypeScript forkcheck transpiled, and for any file when the user turned source
 * maps on. Not through a dependency's own maps merely because a TypeScript scenario is in the run:
 * a place must not depend on what else runs (and such maps name sources a package may not ship).
 */
export function locatePosition(file: string, line: number, column: number, root: string): string {
  let shownFile = file
  let shownLine = line
  // Lazily: node:module is not loaded in a plain child, and only TypeScript runs have maps.
  const mapped = process.sourceMapsEnabled && (userSourceMaps || TS_EXTENSION.test(file))
  const map = mapped ? process.getBuiltinModule('node:module').findSourceMap(file) : undefined
  const entry = map?.findEntry(line - 1, column - 1) as SourceMapEntry | undefined
  if (entry?.originalSource !== undefined && entry.originalLine !== undefined) {
    shownFile = entry.originalSource.startsWith('file:')
      ? fileURLToPath(entry.originalSource)
      : entry.originalSource
    shownLine = entry.originalLine + 1
  }
  return `${relativize(shownFile, root)}:${shownLine}`
}

/**
 * Where user code touched something: `at`, the first call site in user code (not Node's, not
 * forkcheck's); and when that is inside a dependency, `via`, the first site below it in the
 * project's own code, the line that called into the dependency (`dotenv.config()` for a write
 * inside dotenv). Both `file:line`, relative to the root.
 */
export interface Place {
  at: string
  via?: string
}

/** The Place of the first call site in user code, or undefined when there is none. */
export function locateUserSite(sites: CallSite[], root: string, harnessDir: string): Place | undefined {
  let place: Place | undefined
  for (const site of sites) {
    const file = siteFile(site)
    if (file === undefined || isNodeFile(file) || isHarnessFile(file, harnessDir)) continue
    const shown = locatePosition(file, site.getLineNumber() ?? 0, site.getColumnNumber() ?? 0, root)
    const inDependency = isDependencyFile(file)
    if (place === undefined) {
      place = { at: shown }
      if (!inDependency) return place
    } else if (!inDependency) {
      place.via = shown
      return place
    }
  }
  return place
}

/** A file of an installed package. */
function isDependencyFile(file: string): boolean {
  return file.replaceAll('\\', '/').includes('/node_modules/')
}
