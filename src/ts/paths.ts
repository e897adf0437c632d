import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { candidatePaths, isFile } from './format.js'
import { pathsMatcherOf, readTsconfig } from './tsconfig.js'

// tsconfig.json `paths` (`@/config.js` → `src/config.ts`), as TypeScript, tsx and vite's plugin
// apply them: get-tsconfig matches the patterns. Only a bare import that Node could not resolve
// from a project file asks, so a process that never needs it never loads it.

type PathsMatcher = (specifier: string) => string[]

/** Per folder of an importing file: its tsconfig's matcher, or null when it maps no paths. */
const matchers = new Map<string, PathsMatcher | null>()

const BARE_SPECIFIER = /^(?![./]|[a-z][\w+.-]*:)/i

/**
 * A tsconfig.json that cannot be read (bad JSON, an `extends` that is not installed) maps nothing:
 * the import then fails as Node's own "Cannot find package", and `tsc` names what is wrong.
 */
function readMatcher(dir: string): PathsMatcher | null {
  const tsconfig = readTsconfig(dir)
  try {
    return tsconfig === null ? null : pathsMatcherOf(tsconfig)
  } catch {
    return null
  }
}

function matcherFor(dir: string): PathsMatcher | null {
  let matcher = matchers.get(dir)
  if (matcher === undefined) {
    matcher = readMatcher(dir)
    matchers.set(dir, matcher)
  }
  return matcher
}

/**
 * The file a bare specifier maps to through the importing file's tsconfig `paths`, as a file URL
 * path, trying each target as TypeScript would (`.js` → `.ts`, no extension, `index.ts`).
 *
 * @example
 * resolveTsconfigPath('@/config.js', 'file:///app/scenarios/a.scenario.ts') // '/app/src/config.ts'
 */
export function resolveTsconfigPath(specifier: string, parentURL: string | undefined): string | undefined {
  if (!parentURL?.startsWith('file:') || !BARE_SPECIFIER.test(specifier)) return undefined
  const parent = fileURLToPath(parentURL)
  if (parent.includes('/node_modules/')) return undefined
  const dir = dirname(parent)
  for (const target of matcherFor(dir)?.(specifier) ?? []) {
    if (isFile(target)) return target
    const found = candidatePaths(target, dir).find(isFile)
    if (found !== undefined) return found
  }
  return undefined
}
