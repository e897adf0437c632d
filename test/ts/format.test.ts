import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { candidatePaths, detectFormat, hash64 } from '../../src/ts/format.js'

describe('detectFormat', () => {
  const dir = mkdtempSync(join(tmpdir(), 'forkcheck-format-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))
  const project = (type: string | undefined) => {
    const folder = join(dir, type ?? 'none')
    mkdirSync(folder, { recursive: true })
    writeFileSync(join(folder, 'package.json'), JSON.stringify(type ? { type } : {}))
    return folder
  }

  it('follows the extension, then the package type, then the syntax', () => {
    expect(detectFormat(join(project('commonjs'), 'a.mts'), '')).toBe('module')
    expect(detectFormat(join(project('module'), 'a.cts'), '')).toBe('commonjs')
    expect(detectFormat(join(project('module'), 'a.ts'), 'const a = 1')).toBe('module')
    expect(detectFormat(join(project('commonjs'), 'a.ts'), 'import x from "y"')).toBe('commonjs')
    expect(detectFormat(join(project(undefined), 'a.ts'), 'import x from "y"')).toBe('module')
    expect(detectFormat(join(project(undefined), 'b.ts'), 'const x = require("y")')).toBe('commonjs')
  })
})

describe('candidatePaths', () => {
  it('maps the TypeScript ESM convention and extensionless imports', () => {
    expect(candidatePaths('./x.js', '/a')).toEqual(['/a/x.ts', '/a/x.tsx'])
    expect(candidatePaths('./x.mjs', '/a')).toEqual(['/a/x.mts'])
    expect(candidatePaths('../x', '/a/b')).toEqual(['/a/x.ts', '/a/x.tsx', '/a/x/index.ts'])
  })
})

describe('hash64', () => {
  it('hashes to 16 hex digits, the same text alike and any change apart', () => {
    expect(hash64('export const a = 1')).toMatch(/^[0-9a-f]{16}$/)
    expect(hash64('export const a = 1')).toBe(hash64('export const a = 1'))
    const variants = ['export const a = 1', 'export const a = 2', 'export const b = 1', '', 'a', 'b']
    expect(new Set(variants.map(hash64)).size).toBe(variants.length)
  })
})
