import { existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'

/** The nearest folder at or above `from` holding a package.json (DESIGN.md: the project root). */
export function findProjectRoot(from: string): string | undefined {
  let dir = resolve(from)
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return dir
    const parent = dirname(dir)
    if (parent === dir) return undefined
    dir = parent
  }
}
