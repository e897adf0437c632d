import { existsSync, readFileSync } from 'node:fs'
import { dirname, resolve as resolvePath } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { candidatePaths, detectFormat, isFile, type ModuleFormat, TS_EXTENSION } from './format.js'
import { resolveTsconfigPath } from './paths.js'
import { cacheEntryPath, transpileSource, writeCacheEntry } from './transpile.js'

// Module loader hooks that let children load TypeScript without any loader flag: the same code
// serves module.registerHooks (in-thread, Node >= 22.15) and module.register (off-thread, Node 20).

interface ResolveContext {
  parentURL?: string
  conditions?: string[]
  importAttributes?: Record<string, string>
}
interface ResolveResult {
  url: string
  format?: string | null
  shortCircuit?: boolean
  importAttributes?: Record<string, string>
}
interface LoadResult {
  format?: string | null
  source?: string | Buffer | ArrayBuffer | null
  shortCircuit?: boolean
}

let cacheDir = ''
/** Off-thread hooks cannot serve require(): CommonJS TypeScript then goes through the CJS loader. */
let commonjsViaRequire = false

/** Receives the transpile cache folder (register's `data`, or a direct call). */
export function initialize(data: { cacheDir: string; commonjsViaRequire?: boolean }): void {
  cacheDir = data.cacheDir
  commonjsViaRequire = data.commonjsViaRequire ?? false
}

const PATH_SPECIFIER = /^(?:\.{1,2}\/|\/|file:)/

/**
 * A TypeScript file for a path specifier whose own target is no file (`./x.js` → `./x.ts`, `./dir` → `./dir/index.ts`):
 * checked up front, so resolving a TypeScript import never builds and throws a not-found error.
 */
function findTypeScript(specifier: string, parentURL: string | undefined): string | undefined {
  if (!parentURL?.startsWith('file:') || !PATH_SPECIFIER.test(specifier)) return undefined
  const plain = specifier.startsWith('file:') ? fileURLToPath(specifier) : specifier
  const from = dirname(fileURLToPath(parentURL))
  if (isFile(resolvePath(from, plain))) return undefined
  const found = candidatePaths(plain, from).find((path) => existsSync(path))
  return found ? pathToFileURL(found).href : undefined
}

/** Transpiled JavaScript for a TypeScript file: from the harness's cache, or made now on a miss. */
export function readTranspiled(path: string): { format: ModuleFormat; source: string } {
  const source = readFileSync(path, 'utf8')
  const format = detectFormat(path, source)
  const cached = cacheEntryPath(cacheDir, path, source, format)
  try {
    return { format, source: readFileSync(cached, 'utf8') }
  } catch {
    // A file the harness could not see statically (a computed import): transpile it here, once.
    const output = transpileSource(path, source, format)
    if (cacheDir) {
      try {
        writeCacheEntry(cached, output)
      } catch {
        // The cache is an optimisation: a read-only folder must not break loading.
      }
    }
    return { format, source: output }
  }
}

/** What TypeScript's CommonJS output assigns, defines and re-exports whole on `exports`. */
const ASSIGNED_EXPORT = /\bexports\.([A-Za-z_$][\w$]*)\s*=/g
const DEFINED_EXPORT = /\bObject\.defineProperty\(exports,\s*"([^"\\]+)"/g
const STAR_REEXPORT = /\b__exportStar\(require\("([^"\\]+)"\),\s*exports\)/g

/**
 * The names a CommonJS TypeScript file exports, read off TypeScript's own output (`exports.x =`,
 * the getters of `export { x } from`, `export *` of other TypeScript files), as Node's CommonJS
 * lexer would read them off JavaScript.
 */
export function commonjsExportNames(path: string, source: string, seen = new Set([path])): Set<string> {
  const names = new Set<string>()
  for (const [, name] of source.matchAll(ASSIGNED_EXPORT)) names.add(name as string)
  for (const [, name] of source.matchAll(DEFINED_EXPORT)) names.add(name as string)
  for (const [, specifier] of source.matchAll(STAR_REEXPORT)) {
    const url = findTypeScript(specifier as string, pathToFileURL(path).href)
    const target = url === undefined ? undefined : fileURLToPath(url)
    if (target === undefined || seen.has(target)) continue
    seen.add(target)
    const reexported = readTranspiled(target)
    if (reexported.format !== 'commonjs') continue
    for (const name of commonjsExportNames(target, reexported.source, seen)) names.add(name)
  }
  names.delete('__esModule')
  names.delete('default')
  return names
}

/**
 * An ES module standing in for a CommonJS TypeScript file that an ES module imports, on Node
 * without in-thread hooks. Node would find the named exports by lexing the file on disk, which is
 * TypeScript; so the file is required (the CJS loader compiles it, as for require()) and its
 * names re-exported, `module.exports` as the default, as Node does for CommonJS.
 */
function commonjsFacade(path: string, transpiled: string): string {
  const names = [...commonjsExportNames(path, transpiled)]
  const lines = [
    "import { createRequire } from 'node:module'",
    `const required = createRequire(${JSON.stringify(pathToFileURL(path).href)})(${JSON.stringify(path)})`,
    'export default required',
  ]
  if (names.length > 0) {
    const bindings = names.map((name, index) => `${JSON.stringify(name)}: e${index}`).join(', ')
    lines.push(`const { ${bindings} } = required`)
    lines.push(`export { ${names.map((name, index) => `e${index} as ${JSON.stringify(name)}`).join(', ')} }`)
  }
  return `${lines.join('\n')}\n`
}

function loadTypeScript(url: string): LoadResult | undefined {
  const clean = url.replace(/[?#].*$/, '')
  if (!clean.startsWith('file:') || !TS_EXTENSION.test(clean)) return undefined
  const path = fileURLToPath(clean)
  const transpiled = readTranspiled(path)
  if (commonjsViaRequire && transpiled.format === 'commonjs') {
    return { format: 'module', source: commonjsFacade(path, transpiled.source), shortCircuit: true }
  }
  return { ...transpiled, shortCircuit: true }
}

type NextResolve<R> = (specifier: string, context?: ResolveContext) => R
type NextLoad<R> = (url: string, context?: object) => R

/**
 * What resolving a bare specifier fails with when only tsconfig `paths` can map it: not found by
 * import or require(), or a name that is no package name (an exact alias such as `@utils`).
 */
const UNRESOLVED = new Set(['ERR_MODULE_NOT_FOUND', 'MODULE_NOT_FOUND', 'ERR_INVALID_MODULE_SPECIFIER'])

/** What Node could not resolve, through the importing file's tsconfig `paths`; rethrown otherwise. */
function viaTsconfigPaths(error: unknown, specifier: string, context: ResolveContext): ResolveResult {
  if (!UNRESOLVED.has((error as { code?: unknown } | null)?.code as string)) throw error
  const path = resolveTsconfigPath(specifier, context.parentURL)
  if (path === undefined) throw error
  return { url: pathToFileURL(path).href, shortCircuit: true }
}

/**
 * `import data from './data.json'` in TypeScript with no `with { type: 'json' }`: tsc (under
 * `moduleResolution: bundler`) and bundlers take it, Node refuses it ("needs an import attribute
 * of type json"). From a TypeScript file it is resolved as if it had the attribute; JavaScript
 * files, and imports with attributes of their own, stay as Node has them.
 */
function withJsonType(result: ResolveResult, context: ResolveContext): ResolveResult {
  if (context.importAttributes?.type !== undefined || !result.url.endsWith('.json')) return result
  if (!context.parentURL?.startsWith('file:') || !TS_EXTENSION.test(context.parentURL)) return result
  return { ...result, importAttributes: { ...context.importAttributes, type: 'json' } }
}

/**
 * require()'s resolution with TypeScript's rules, for Node without in-thread hooks (which serve
 * require() too): `./x.js` → `./x.ts`, then Node's own (`next`), then tsconfig `paths`. The same
 * order as resolveSync, so a CommonJS file resolves alike on every Node.
 */
export function resolveRequire(request: string, parentFile: string | undefined, next: () => string): string {
  const context = { parentURL: parentFile === undefined ? undefined : pathToFileURL(parentFile).href }
  const url = findTypeScript(request, context.parentURL)
  if (url !== undefined) return fileURLToPath(url)
  try {
    return next()
  } catch (error) {
    return fileURLToPath(viaTsconfigPaths(error, request, context).url)
  }
}

/** Synchronous resolve hook (module.registerHooks). */
export function resolveSync(
  specifier: string,
  context: ResolveContext,
  nextResolve: NextResolve<ResolveResult>,
): ResolveResult {
  const url = findTypeScript(specifier, context.parentURL)
  if (url !== undefined) return { url, shortCircuit: true }
  let result: ResolveResult
  try {
    result = nextResolve(specifier, context)
  } catch (error) {
    result = viaTsconfigPaths(error, specifier, context)
  }
  return withJsonType(result, context)
}

/** Synchronous load hook (module.registerHooks). */
export function loadSync(url: string, context: object, nextLoad: NextLoad<LoadResult>): LoadResult {
  return loadTypeScript(url) ?? nextLoad(url, context)
}

/** Asynchronous resolve hook (module.register). */
export async function resolve(
  specifier: string,
  context: ResolveContext,
  nextResolve: NextResolve<Promise<ResolveResult>>,
): Promise<ResolveResult> {
  const url = findTypeScript(specifier, context.parentURL)
  if (url !== undefined) return { url, shortCircuit: true }
  let result: ResolveResult
  try {
    result = await nextResolve(specifier, context)
  } catch (error) {
    result = viaTsconfigPaths(error, specifier, context)
  }
  return withJsonType(result, context)
}

/** Asynchronous load hook (module.register). */
export async function load(
  url: string,
  context: object,
  nextLoad: NextLoad<Promise<LoadResult>>,
): Promise<LoadResult> {
  return loadTypeScript(url) ?? nextLoad(url, context)
}
