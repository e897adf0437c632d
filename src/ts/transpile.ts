import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import type ts from 'typescript'
import { cacheKey, candidatePaths, detectFormat, type ModuleFormat, TS_EXTENSION } from './format.js'

type TypeScript = typeof ts
let typescript: TypeScript | undefined

/** Loads the `typescript` package on first use (it is heavy: only the harness should). */
function loadTypeScript(): TypeScript {
  typescript ??= createRequire(import.meta.url)('typescript') as TypeScript
  return typescript
}

/** Transpiles one TypeScript source to JavaScript of the given format, with an inline source map. */
export function transpileSource(path: string, source: string, format: ModuleFormat): string {
  const tsc = loadTypeScript()
  const result = tsc.transpileModule(source, {
    fileName: path,
    compilerOptions: {
      module: format === 'module' ? tsc.ModuleKind.ESNext : tsc.ModuleKind.CommonJS,
      target: tsc.ScriptTarget.ES2022,
      jsx: tsc.JsxEmit.ReactJSX,
      esModuleInterop: true,
      inlineSourceMap: true,
      inlineSources: true,
      useDefineForClassFields: true,
      experimentalDecorators: false,
    },
  })
  return result.outputText
}

/** Transpiles `path` into `cacheDir` unless an up-to-date entry exists; returns the source read. */
export function ensureTranspiled(path: string, cacheDir: string): string {
  const source = readFileSync(path, 'utf8')
  const format = detectFormat(path, source)
  const target = join(cacheDir, `${cacheKey(path, source, format)}.js`)
  if (!existsSync(target)) {
    mkdirSync(cacheDir, { recursive: true })
    const temporary = `${target}.${process.pid}.tmp`
    writeFileSync(temporary, transpileSource(path, source, format))
    renameSync(temporary, target)
  }
  return source
}

/**
 * Transpiles every TypeScript file reachable by relative imports from `entries` into `cacheDir`,
 * so children find them cached and never load the `typescript` package.
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
      if (!fileName.startsWith('.')) continue
      const next = candidatePaths(fileName, dirname(file)).find((candidate) => existsSync(candidate))
      if (next && TS_EXTENSION.test(next)) queue.push(next)
    }
  }
}
