import { existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { UsageError } from '../errors.js'

/** Config file names, in the order they are preferred within one folder. */
export const CONFIG_NAMES = [
  'forkcheck.config.ts',
  'forkcheck.config.mts',
  'forkcheck.config.js',
  'forkcheck.config.mjs',
]

/**
 * The config file to use: `explicit` (`--config`) when given, else the first `forkcheck.config.*`
 * found from `cwd` upward, stopping at the project root.
 */
export function findConfigFile(cwd: string, root: string, explicit?: string): string | undefined {
  if (explicit !== undefined) {
    const file = resolve(cwd, explicit)
    if (!existsSync(file)) throw new UsageError(`The config file \`${explicit}\` does not exist.`)
    return file
  }
  let dir = resolve(cwd)
  for (;;) {
    const found = CONFIG_NAMES.map((name) => join(dir, name)).find((file) => existsSync(file))
    if (found !== undefined) return found
    const parent = dirname(dir)
    if (dir === resolve(root) || parent === dir) return undefined
    dir = parent
  }
}
