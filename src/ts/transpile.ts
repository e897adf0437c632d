import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type ts from 'typescript'
import {
  cacheKey,
  candidatePaths,
  detectFormat,
  findTsconfig,
  type ModuleFormat,
  TS_EXTENSION,
} from './format.js'
import { resolveTsconfigPath } from './paths.js'

type TypeScript = typeof ts
let typescript: TypeScript | undefined

/** Loads the `typescript` package on first use (it is heavy: only the harness should). */
function loadTypeScript(): TypeScript {
  typescript ??= createRequire(import.meta.url)('typescript') as TypeScript
  return typescript
}

/** The project's options that change emitted code (decorators, JSX); types are never checked. */
const KEPT_OPTIONS = [
  'experimentalDecorators',
  'emitDecoratorMetadata',
  'useDefineForClassFields',
  'jsx',
  'jsxFactory',
  'jsxFragmentFactory',
  'jsxImportSource',
  'preserveValueImports',
  'verbatimModuleSyntax',
  'esModuleInterop',
] as const

const projectOptions = new Map<string, ts.CompilerOptions>()

function readProjectOptions(tsc: TypeScript, path: string): ts.CompilerOptions {
  const file = findTsconfig(dirname(path))
  if (file === undefined) return {}
  const cached = projectOptions.get(file)
  if (cached) return cached
  const { config } = tsc.readConfigFile(file, tsc.sys.readFile)
  const parsed = tsc.parseJsonConfigFileContent(config ?? {}, tsc.sys, dirname(file), undefined, file)
  const kept: ts.CompilerOptions = {}
  for (const key of KEPT_OPTIONS) {
    if (parsed.options[key] !== undefined) (kept as Record<string, unknown>)[key] = parsed.options[key]
  }
  // verbatimModuleSyntax with a CommonJS output is an error for transpileModule: the format decides.
  delete kept.verbatimModuleSyntax
  projectOptions.set(file, kept)
  return kept
}

/** Transpiles one TypeScript source to JavaScript of the given format, with an inline source map. */
export function transpileSource(path: string, source: string, format: ModuleFormat): string {
  const tsc = loadTypeScript()
  const result = tsc.transpileModule(source, {
    fileName: path,
    compilerOptions: {
      jsx: tsc.JsxEmit.ReactJSX,
      esModuleInterop: true,
      useDefineForClassFields: true,
      ...readProjectOptions(tsc, path),
      module: format === 'module' ? tsc.ModuleKind.ESNext : tsc.ModuleKind.CommonJS,
      target: tsc.ScriptTarget.ES2022,
      inlineSourceMap: true,
      inlineSources: true,
      sourceMap: false,
      declaration: false,
      noEmit: false,
    },
  })
  return result.outputText
}

/** Where the transpiled output of one source lives in the cache. */
export function cacheEntryPath(cacheDir: string, path: string, source: string, format: ModuleFormat): string {
  return join(cacheDir, `${cacheKey(path, source, format)}.js`)
}

/** Writes a cache entry whole (temp file, then rename), so a reader never sees half of one. */
export function writeCacheEntry(target: string, output: string): void {
  mkdirSync(dirname(target), { recursive: true })
  const temporary = `${target}.${process.pid}.tmp`
  writeFileSync(temporary, output)
  renameSync(temporary, target)
}

/** Transpiles `path` into `cacheDir` unless an up-to-date entry exists; returns the source read. */
export function ensureTranspiled(path: string, cacheDir: string): string {
  const source = readFileSync(path, 'utf8')
  const format = detectFormat(path, source)
  const target = cacheEntryPath(cacheDir, path, source, format)
  if (!existsSync(target)) writeCacheEntry(target, transpileSource(path, source, format))
  return source
}

/**
 * Transpiles every TypeScript file reachable by relative imports and tsconfig `paths` from
 * `entries` into `cacheDir`, so children find them cached and never load the `typescript` package.
 */
export function prepareTypeScript(entries: string[], cacheDir: string): void {
  const seen = new Set<string>()
  const queue = entries.filter((file) => TS_EXTENSION.test(file))
  while (queue.length > 0) {
    const file = queue.pop()!
    if (seen.has(file)) continue
    seen.add(file)
    const source = ensureTranspiled(file, cacheDir)
    for (const { fileName } of loadTypeScript().preProcessFile(source, true, true).importedFiles) {
      const next = fileName.startsWith('.')
        ? candidatePaths(fileName, dirname(file)).find((candidate) => existsSync(candidate))
        : resolveTsconfigPath(fileName, pathToFileURL(file).href)
      if (next && TS_EXTENSION.test(next)) queue.push(next)
    }
  }
}

/** Where the first syntax error of a JavaScript or TypeScript file is, as `line:column`, if any. */
export function locateSyntaxError(path: string): string | undefined {
  const tsc = loadTypeScript()
  const kind = /\.[cm]?tsx?$/.test(path) ? tsc.ScriptKind.TSX : tsc.ScriptKind.JSX
  const source = tsc.createSourceFile(path, readFileSync(path, 'utf8'), tsc.ScriptTarget.Latest, true, kind)
  const diagnostic = (source as unknown as { parseDiagnostics?: ts.DiagnosticWithLocation[] })
    .parseDiagnostics?.[0]
  if (diagnostic === undefined) return undefined
  const { line, character } = source.getLineAndCharacterOfPosition(diagnostic.start)
  return `${line + 1}:${character + 1}`
}
