import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import { repoRoot } from '../helpers/cli.js'

// On Node 20 every child that loads TypeScript starts a hooks thread (module.register), which
// loads the hooks anew: as one module, so it resolves and reads no more files than that one.
const HOOKS_BUNDLE = join(repoRoot, 'dist', 'bundle-hooks', 'hooks.js')

describe('the hooks bundle', () => {
  it('imports no other module of forkcheck, statically or on demand', () => {
    const source = readFileSync(HOOKS_BUNDLE, 'utf8')
    expect(source).not.toMatch(/\bfrom\s*["']\.{1,2}\//)
    expect(source).not.toMatch(/\bimport\s*\(\s*["']\.{1,2}\//)
  })

  it('exports what the off-thread loader calls', async () => {
    const hooks = (await import(pathToFileURL(HOOKS_BUNDLE).href)) as Record<string, unknown>
    for (const name of ['initialize', 'resolve', 'load']) expect(typeof hooks[name], name).toBe('function')
  })
})
