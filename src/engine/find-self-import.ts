import { existsSync } from 'node:fs'
import module, { createRequire } from 'node:module'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { realPathOr } from '../discover/real-path.js'
import type { SelfImport } from '../scenario/self-import.js'

// Where `forkcheck` resolves from a scenario's folder, found once per folder in the harness (its
// resolver is warm) so that the processes that import the file need not (src/scenario/self-import.ts).

/** This harness's public entry: one level up from dist/engine/ and from the bundle in dist/cli/. */
const OWN_ENTRY = fileURLToPath(new URL('../index.js', import.meta.url))
const NAME = 'forkcheck'

/** require() also looks in NODE_PATH and the global folders, import never: is forkcheck there? */
function isOutsideLookup(): boolean {
  if (process.env.NODE_PATH !== undefined) return true
  const { globalPaths = [] } = module as unknown as { globalPaths?: string[] }
  return globalPaths.some((folder) => existsSync(join(folder, NAME)))
}

/**
 * For each file, as plain data, what an import of `forkcheck` from it leads to, when that is this very harness's
 * entry; files whose import leads elsewhere (another copy of forkcheck, none, or one only require()
 * would find) are left out. require.resolve stands in for import's resolution: forkcheck's
 * `exports` has no separate `import` and `require` targets, and both look the package up alike.
 */
export function findSelfImports(files: readonly string[], entryFile = OWN_ENTRY): Record<string, SelfImport> {
  const found: Record<string, SelfImport> = {}
  const ownEntry = realPathOr(entryFile, null)
  if (ownEntry === null || isOutsideLookup()) return found
  const byFolder = new Map<string, SelfImport | undefined>()
  for (const file of files) {
    const real = realPathOr(file, null)
    if (real === null) continue
    const folder = new URL('.', pathToFileURL(real)).href
    if (!byFolder.has(folder)) byFolder.set(folder, resolveFrom(real, folder, ownEntry))
    const self = byFolder.get(folder)
    if (self !== undefined) found[file] = self
  }
  return found
}

function resolveFrom(file: string, folder: string, entry: string): SelfImport | undefined {
  try {
    const resolved = realPathOr(createRequire(file).resolve(NAME), null)
    return resolved === entry ? { folder, entry: pathToFileURL(resolved).href } : undefined
  } catch {
    // Not resolvable from there: the import fails in the child as it would under any harness.
    return undefined
  }
}
