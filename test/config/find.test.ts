import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { displayPath } from '../../src/config/describe.js'
import { findConfigFile } from '../../src/config/find.js'
import { suggestName } from '../../src/config/suggest.js'

let top: string
let root: string

beforeEach(() => {
  top = realpathSync(mkdtempSync(join(tmpdir(), 'forkcheck-config-')))
  root = join(top, 'project')
  mkdirSync(join(root, 'packages', 'app'), { recursive: true })
  writeFileSync(join(root, 'package.json'), '{}')
})

afterEach(() => {
  rmSync(top, { recursive: true, force: true })
})

describe('findConfigFile', () => {
  it('finds the config in the root from a folder below it', () => {
    writeFileSync(join(root, 'forkcheck.config.mjs'), '')
    expect(findConfigFile(join(root, 'packages', 'app'), root)).toBe(join(root, 'forkcheck.config.mjs'))
  })

  it('takes the nearest one, and prefers .ts within a folder', () => {
    writeFileSync(join(root, 'forkcheck.config.ts'), '')
    writeFileSync(join(root, 'packages', 'forkcheck.config.js'), '')
    writeFileSync(join(root, 'packages', 'forkcheck.config.ts'), '')
    expect(findConfigFile(join(root, 'packages', 'app'), root)).toBe(
      join(root, 'packages', 'forkcheck.config.ts'),
    )
  })

  it('stops at the project root', () => {
    writeFileSync(join(top, 'forkcheck.config.ts'), '')
    expect(findConfigFile(join(root, 'packages', 'app'), root)).toBeUndefined()
  })

  it('takes an explicit path from the cwd, and says when it does not exist', () => {
    writeFileSync(join(root, 'ci.config.mjs'), '')
    expect(findConfigFile(root, root, 'ci.config.mjs')).toBe(join(root, 'ci.config.mjs'))
    expect(() => findConfigFile(root, root, 'nope.mjs')).toThrow('The config file `nope.mjs` does not exist.')
  })
})

describe('suggestName', () => {
  const known = ['timeout', 'repeat', 'reporters', 'include', 'exclude', 'allowEnv', 'ignoreEnv']

  it('suggests close names only', () => {
    expect(suggestName('timout', known)).toBe('timeout')
    expect(suggestName('includes', known)).toBe('include')
    expect(suggestName('allowenv', known)).toBe('allowEnv')
    expect(suggestName('workers', known)).toBeUndefined()
    expect(suggestName('x', known)).toBeUndefined()
  })
})

describe('displayPath', () => {
  it('is relative inside the cwd and absolute outside it', () => {
    expect(displayPath('/app', '/app/reports/a.json')).toBe('reports/a.json')
    expect(displayPath('/app', '/tmp/b.json')).toBe('/tmp/b.json')
    expect(displayPath('/app', '/app')).toBe('/app')
  })
})
