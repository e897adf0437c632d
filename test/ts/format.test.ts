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

  it('compiles import syntax to CommonJS in a package without `type` where the tsconfig does', () => {
    const withTsconfig = (name: string, tsconfig: object) => {
      const folder = join(project(undefined), name)
      mkdirSync(folder, { recursive: true })
      writeFileSync(join(folder, 'tsconfig.json'), JSON.stringify(tsconfig))
      return join(folder, 'a.ts')
    }
    const esm = 'import x from "y"\nexport const z = x'
    expect(detectFormat(withTsconfig('nodenext', { compilerOptions: { module: 'NodeNext' } }), esm)).toBe(
      'commonjs',
    )
    expect(detectFormat(withTsconfig('commonjs', { compilerOptions: { module: 'commonjs' } }), esm)).toBe(
      'commonjs',
    )
    // TypeScript's default module is CommonJS with its default target, ES5.
    expect(detectFormat(withTsconfig('defaults', { compilerOptions: { strict: true } }), esm)).toBe(
      'commonjs',
    )
    expect(detectFormat(withTsconfig('es2022', { compilerOptions: { target: 'ES2022' } }), esm)).toBe(
      'module',
    )
    expect(detectFormat(withTsconfig('esnext', { compilerOptions: { module: 'ESNext' } }), esm)).toBe(
      'module',
    )
    const nodenext = withTsconfig('nodenext-meta', { compilerOptions: { module: 'nodenext' } })
    expect(detectFormat(nodenext, `${esm}\nconst url = import.meta.url`)).toBe('module')
    expect(detectFormat(nodenext, `${esm}\nawait ready()`)).toBe('module')
    expect(detectFormat(nodenext, `${esm}\nasync function f() {\n  await ready()\n}`)).toBe('commonjs')
    // vitest test files: vitest runs them as ES modules, and `vitest` refuses require().
    expect(detectFormat(nodenext, `import { test } from 'vitest'\ntest('a', () => {})`)).toBe('module')
    expect(detectFormat(nodenext, `import { scenario } from "forkcheck/vitest"`)).toBe('module')
    expect(detectFormat(nodenext, `import { defineConfig } from 'vitest/config'`)).toBe('module')
    expect(detectFormat(nodenext, `import { x } from 'vitestish'`)).toBe('commonjs')
    // A value that is no string is tsc's to name: the file goes by its syntax.
    expect(detectFormat(withTsconfig('odd', { compilerOptions: { module: 1, target: 1 } }), esm)).toBe(
      'module',
    )
    expect(detectFormat(withTsconfig('odd-target', { compilerOptions: { target: 1 } }), esm)).toBe('module')
    const broken = join(project(undefined), 'broken')
    mkdirSync(broken, { recursive: true })
    writeFileSync(join(broken, 'tsconfig.json'), '{ "extends": "@tsconfig/not-installed/tsconfig.json" }')
    expect(detectFormat(join(broken, 'a.ts'), esm)).toBe('module')
    const dependency = join(project(undefined), 'nodenext', 'node_modules', 'dep', 'index.ts')
    expect(detectFormat(dependency, esm)).toBe('module')
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
