import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export const repo = resolve(fileURLToPath(new URL('../..', import.meta.url)))
export const cliBin = join(repo, 'dist', 'cli', 'bin.js')
export const vitestBin = join(repo, 'node_modules', 'vitest', 'vitest.mjs')
