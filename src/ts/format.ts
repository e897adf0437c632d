import { readFileSync, statSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { TS_EXTENSION } from './extension.js'
import { readTsconfig } from './tsconfig.js'

/** Bump when transpile options change, so old cache entries are not reused. */
const CACHE_TAG = 'forkcheck-ts-3/typescript-5.9.3'

export { TS_EXTENSION } from './extension.js'

export type ModuleFormat = 'module' | 'commonjs'

const packageTypes = new Map<string, string | undefined>()
const tsconfigs = new Map<string, string | undefined>()

/** The nearest tsconfig.json at or above `dir`: its path, or undefined. */
export function findTsconfig(dir: string): string | undefined {
  if (tsconfigs.has(dir)) return tsconfigs.get(dir)
  const candidate = join(dir, 'tsconfig.json')
  let found: string | undefined
  try {
    readFileSync(candidate)
    found = candidate
  } catch {
    const parent = dirname(dir)
    found = parent === dir || dir.endsWith('/node_modules') ? undefined : findTsconfig(parent)
  }
  tsconfigs.set(dir, found)
  return found
}

/**
 * What of the tsconfig for `path` can change its output: the nearest tsconfig.json's text, and
 * when it `extends` others, the whole merged config (so an edit to a base file counts too).
 */
function readTsconfigText(path: string): string {
  const file = findTsconfig(dirname(path))
  if (file === undefined) return ''
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch {
    return ''
  }
  if (!text.includes('"extends"')) return text
  return `${text}\0${JSON.stringify(readTsconfig(dirname(path))?.config ?? null)}`
}

/** The `type` field of the nearest package.json at or above `dir`. */
function findPackageType(dir: string): string | undefined {
  if (packageTypes.has(dir)) return packageTypes.get(dir)
  let type: string | undefined
  try {
    const json = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { type?: unknown }
    type = typeof json.type === 'string' ? json.type : 'none'
  } catch {
    const parent = dirname(dir)
    type = parent === dir ? 'none' : findPackageType(parent)
  }
  packageTypes.set(dir, type)
  return type
}

const ESM_SYNTAX = /^\s*(?:import\s*[\w{*'"]|export\s)|\bimport\.meta\b|^\s*await\s/m
/**
 * What only an ES module can run: `import.meta`, `await` at the top level (unindented), and an
 * import of vitest: a vitest test file, which vitest always runs as an ES module (and `vitest`
 * refuses `require()`).
 */
const ESM_ONLY_SYNTAX = /\bimport\.meta\b|^await\s|\bfrom\s*['"](?:forkcheck\/)?vitest(?:\/[^'"]*)?['"]/m
/** tsconfig `module` values that compile a file of a package without `type` to CommonJS. */
const COMMONJS_MODULES = new Set(['commonjs', 'node16', 'node18', 'node20', 'nodenext'])

/**
 * The module format this TypeScript file gets: the package's `type`, as in Node, then for a
 * package without one what the project's tsconfig compiles the file to, as `tsc` and tsx do, then
 * Node's own syntax detection. So the classic TypeScript project — no `type`, `import` syntax
 * compiled to CommonJS — runs as it does there, with `__dirname`, `require` and JSON imports,
 * unless a file uses what only an ES module can (`import.meta`, top-level `await`, vitest).
 */
export function detectFormat(path: string, source: string): ModuleFormat {
  if (path.endsWith('.mts')) return 'module'
  if (path.endsWith('.cts')) return 'commonjs'
  const type = findPackageType(dirname(path))
  if (type === 'module') return 'module'
  if (type === 'commonjs') return 'commonjs'
  if (!ESM_SYNTAX.test(source)) return 'commonjs'
  // A dependency's own TypeScript is no part of the project the tsconfig compiles.
  if (path.includes('/node_modules/') || ESM_ONLY_SYNTAX.test(source)) return 'module'
  return compilesToCommonJs(dirname(path)) ? 'commonjs' : 'module'
}

/**
 * Whether the tsconfig for files of `dir` compiles a file of a package without `type` to
 * CommonJS: its `module` says so, or is unset with an ES5 target (TypeScript's default).
 */
function compilesToCommonJs(dir: string): boolean {
  const tsconfig = readTsconfig(dir)
  if (tsconfig === null) return false
  // As written, not checked: `tsc` names a value that is not a string.
  const { module, target } = (tsconfig.config.compilerOptions ?? {}) as { module?: unknown; target?: unknown }
  if (module !== undefined) return typeof module === 'string' && COMMONJS_MODULES.has(module.toLowerCase())
  return target === undefined || (typeof target === 'string' && ['es3', 'es5'].includes(target.toLowerCase()))
}

/**
 * A 64-bit hash of `text` as 16 hex digits: two independent 32-bit FNV-1a lanes. Not for secrets;
 * enough to tell a project's file versions apart, and node:crypto costs a child a sixth of a
 * bare start just to load.
 */
export function hash64(text: string): string {
  let low = 0x811c9dc5
  let high = 0x050c5d1f
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index)
    low = Math.imul(low ^ code, 0x01000193)
    high = Math.imul(high ^ code, 0x01000193) ^ (low >>> 13)
  }
  return (high >>> 0).toString(16).padStart(8, '0') + (low >>> 0).toString(16).padStart(8, '0')
}

/**
 * The cache file name of one transpiled source: a hash of everything that shapes the output,
 * including the tsconfig (its decorator and JSX options apply).
 */
export function cacheKey(path: string, source: string, format: ModuleFormat): string {
  const tsconfig = readTsconfigText(path)
  return hash64(`${CACHE_TAG}\0${format}\0${path}\0${tsconfig}\0${source}`)
}

/** The TypeScript files a relative specifier may point at, in the order TypeScript users expect. */
export function candidatePaths(specifier: string, fromDir: string): string[] {
  const base = resolve(fromDir, specifier)
  const swapped = base
    .replace(/\.js$/, '.ts')
    .replace(/\.mjs$/, '.mts')
    .replace(/\.cjs$/, '.cts')
  if (base.endsWith('.js')) return [swapped, base.replace(/\.js$/, '.tsx')]
  if (swapped !== base) return [swapped]
  if (TS_EXTENSION.test(base)) return [base]
  return [`${base}.ts`, `${base}.tsx`, join(base, 'index.ts')]
}

/** Whether `path` is a file, without the exception a failed stat costs. */
export function isFile(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isFile() ?? false
}
