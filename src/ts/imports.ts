import { existsSync, readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { candidatePaths, isFile, TS_EXTENSION } from './format.js'

// A quoted specifier after `from`, `import` (static, side-effect or dynamic) or `require(`.
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\brequire\s*\(\s*)(["'])([^"'\n]+)\1/g

/**
 * The TypeScript files a JavaScript file imports by a relative path, by TypeScript's rules
 * (`../src/config.js` → `config.ts`, or `./util.ts` itself), read from its text without the
 * `typescript` package: a JavaScript scenario that imports TypeScript needs the hooks whichever
 * other files are in the run. A specifier built at run time is not seen.
 */
export function findTypeScriptImports(file: string): string[] {
  let source: string
  try {
    source = readFileSync(file, 'utf8')
  } catch {
    return []
  }
  const from = dirname(file)
  const found: string[] = []
  for (const [, , specifier] of source.matchAll(SPECIFIER)) {
    if (specifier === undefined || !specifier.startsWith('.')) continue
    const target = resolve(from, specifier)
    const path = isFile(target) ? target : candidatePaths(specifier, from).find((path) => existsSync(path))
    if (path !== undefined && TS_EXTENSION.test(path)) found.push(path)
  }
  return found
}
