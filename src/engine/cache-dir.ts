import { existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/**
 * Where forkcheck keeps files of one kind for a project between runs: transpiled TypeScript
 * (`ts`), parent() results that reproducer commands read (`inputs`).
 *
 * @example
 * findCacheDir('/app') // '/app/node_modules/.cache/forkcheck/ts'
 */
export function findCacheDir(root: string, kind: 'ts' | 'inputs' = 'ts'): string {
  const nodeModules = join(root, 'node_modules')
  return existsSync(nodeModules)
    ? join(nodeModules, '.cache', 'forkcheck', kind)
    : join(tmpdir(), `forkcheck-${kind}`)
}
