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

/**
 * A SyntaxError at `start` in `path`, shaped as Node shapes one for a broken JavaScript file: its
 * stack opens with `path:line`, which the harness reads as the error's place.
 */
function syntaxErrorAt(message: string, path: string, file: ts.SourceFile, start: number): SyntaxError {
  const { line, character } = file.getLineAndCharacterOfPosition(start)
  const error = new SyntaxError(message)
  const text = file.text.split(/\r?\n/)[line] ?? ''
  error.stack = `${path}:${line + 1}\n${text}\n${' '.repeat(character)}^\n\n${error.name}: ${message}`
  return error
}

/**
 * The first syntax error TypeScript recovered from while transpiling (it would drop the broken
 * part from the output without a word), as the SyntaxError Node gives a broken JavaScript file.
 */
function syntaxError(
  tsc: TypeScript,
  path: string,
  diagnostics: readonly ts.Diagnostic[] = [],
): SyntaxError | undefined {
  const first = diagnostics.find(
    (diagnostic) => diagnostic.file !== undefined && diagnostic.category === tsc.DiagnosticCategory.Error,
  )
  if (first?.file === undefined) return undefined
  return syntaxErrorAt(
    tsc.flattenDiagnosticMessageText(first.messageText, ' '),
    path,
    first.file,
    first.start ?? 0,
  )
}

/** `import.meta` in a file that is CommonJS: Node's own error would not say why the file is CommonJS. */
function importMetaError(tsc: TypeScript, path: string, source: string): SyntaxError | undefined {
  if (!/\bimport\s*\.\s*meta\b/.test(source)) return undefined
  const file = tsc.createSourceFile(path, source, tsc.ScriptTarget.Latest, true)
  let found: ts.Node | undefined
  const visit = (node: ts.Node): void => {
    if (found !== undefined) return
    if (tsc.isMetaProperty(node) && node.keywordToken === tsc.SyntaxKind.ImportKeyword) found = node
    else tsc.forEachChild(node, visit)
  }
  visit(file)
  if (found === undefined) return undefined
  const why = path.endsWith('.cts') ? 'a .cts file' : 'its package.json says "type": "commonjs"'
  return syntaxErrorAt(
    `import.meta only exists in an ES module, and this file is CommonJS (${why}): rename it to .mts, or use __dirname and __filename`,
    path,
    file,
    found.getStart(file),
  )
}

/**
 * Transpiles one TypeScript source to JavaScript of the given format, with an inline source map.
 * Throws a SyntaxError naming `path:line:column` for a source that is no valid module of that format.
 */
export function transpileSource(path: string, source: string, format: ModuleFormat): string {
  const tsc = loadTypeScript()
  const result = tsc.transpileModule(source, {
    fileName: path,
    reportDiagnostics: true,
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
  const error =
    syntaxError(tsc, path, result.diagnostics) ??
    (format === 'commonjs' ? importMetaError(tsc, path, source) : undefined)
  if (error !== undefined) throw error
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
    let source: string
    try {
      source = ensureTranspiled(file, cacheDir)
    } catch {
      // A broken file gets no cache entry: the process that imports it transpiles it again and
      // fails there with the SyntaxError, as that scenario's own load error.
      continue
    }
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
