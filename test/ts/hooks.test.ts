import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { resolveRequire, resolveSync } from '../../src/ts/hooks.js'

const dir = mkdtempSync(join(tmpdir(), 'forkcheck-hooks-'))
for (const file of ['math.ts', 'both.ts', 'both.js', 'lib/index.ts']) {
  mkdirSync(join(dir, file, '..'), { recursive: true })
  writeFileSync(join(dir, file), '')
}
const parentURL = pathToFileURL(join(dir, 'entry.ts')).href
const next = (specifier: string) => ({ url: `next:${specifier}` })

afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('resolveSync', () => {
  it('maps a missing `.js` target to its TypeScript file without asking Node first', () => {
    expect(resolveSync('./math.js', { parentURL }, next)).toEqual({
      url: pathToFileURL(join(dir, 'math.ts')).href,
      shortCircuit: true,
    })
  })

  it('leaves a specifier whose target is a real file to Node', () => {
    expect(resolveSync('./both.js', { parentURL }, next)).toEqual({ url: 'next:./both.js' })
  })

  it('maps a folder to its index.ts', () => {
    expect(resolveSync('./lib', { parentURL }, next).url).toBe(pathToFileURL(join(dir, 'lib/index.ts')).href)
  })

  it('leaves bare specifiers and missing files to Node', () => {
    expect(resolveSync('some-package', { parentURL }, next)).toEqual({ url: 'next:some-package' })
    expect(resolveSync('./missing.js', { parentURL }, next)).toEqual({ url: 'next:./missing.js' })
  })
})

describe('resolveRequire (require() on Node without in-thread hooks)', () => {
  const parent = join(dir, 'entry.ts')
  const notFound = () => {
    throw Object.assign(new Error('Cannot find module'), { code: 'MODULE_NOT_FOUND' })
  }

  it('resolves as resolveSync does: TypeScript first, then Node', () => {
    expect(resolveRequire('./math.js', parent, notFound)).toBe(join(dir, 'math.ts'))
    expect(resolveRequire('./both.js', parent, () => 'node')).toBe('node')
    expect(resolveRequire('some-package', parent, () => 'node')).toBe('node')
  })

  it("rethrows Node's error when tsconfig paths map nothing either", () => {
    expect(() => resolveRequire('./missing.js', parent, notFound)).toThrow('Cannot find module')
    expect(() => resolveRequire('unmapped', parent, notFound)).toThrow('Cannot find module')
  })
})
