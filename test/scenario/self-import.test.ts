import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs'
import module from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { canAnswerSelfImport } from '../../src/scenario/self-import.js'
import { repoRoot } from '../helpers/cli.js'

describe('canAnswerSelfImport', () => {
  it('answers for a plain start and flags that do not bear on resolution', () => {
    expect(canAnswerSelfImport([], {})).toBe(true)
    expect(canAnswerSelfImport(['--expose-gc'], { NODE_OPTIONS: '--max-old-space-size=4096' })).toBe(true)
  })

  it('leaves resolution to Node under conditions, preserved symlinks or preloaded code', () => {
    expect(canAnswerSelfImport(['--conditions=development'], {})).toBe(false)
    expect(canAnswerSelfImport(['-C', 'development'], {})).toBe(false)
    expect(canAnswerSelfImport([], { NODE_OPTIONS: '--import tsx' })).toBe(false)
    expect(canAnswerSelfImport([], { NODE_OPTIONS: '--no-warnings --require ./hooks.cjs' })).toBe(false)
    expect(canAnswerSelfImport(['--preserve-symlinks'], {})).toBe(false)
    expect(canAnswerSelfImport([], { NODE_PRESERVE_SYMLINKS: '1' })).toBe(false)
  })
})

const temp = realpathSync(mkdtempSync(join(tmpdir(), 'forkcheck-self-answer-')))
afterAll(() => rmSync(temp, { recursive: true, force: true }))

/**
 * Imports, through withSelfImport in a Node process of its own, a module in the answered folder,
 * one in a folder below it, and after withSelfImport returned one more: what each got.
 */
function importThrough(nodeOptions?: string): string[] {
  const folder = join(temp, 'scenarios')
  mkdirSync(join(folder, 'below'), { recursive: true })
  const importer = "import { marker } from 'forkcheck'\nexport { marker }\n"
  for (const file of ['a.mjs', 'later.mjs', 'below/b.mjs']) writeFileSync(join(folder, file), importer)
  const entry = join(temp, 'entry.mjs')
  writeFileSync(entry, "export const marker = 'answered'\n")
  const self = { folder: `${pathToFileURL(folder).href}/`, entry: pathToFileURL(entry).href }
  const helper = pathToFileURL(join(repoRoot, 'dist', 'scenario', 'self-import.js')).href
  const url = (file: string) => JSON.stringify(pathToFileURL(join(folder, file)).href)
  const script = `
    const { withSelfImport } = await import(${JSON.stringify(helper)})
    const got = (load) => load.then((ns) => ns.marker, (error) => error.code)
    const self = ${JSON.stringify(self)}
    const inside = await withSelfImport(self, () => Promise.all([got(import(${url('a.mjs')})), got(import(${url('below/b.mjs')}))]))
    console.log(JSON.stringify([...inside, await got(import(${url('later.mjs')}))]))`
  const env = { ...process.env, NODE_OPTIONS: nodeOptions ?? '' }
  const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    env,
    encoding: 'utf8',
  })
  return JSON.parse(output) as string[]
}

const hasRegisterHooks =
  typeof (module as unknown as { registerHooks?: unknown }).registerHooks === 'function'

describe('withSelfImport', () => {
  it.runIf(hasRegisterHooks)('answers `forkcheck` for the folder only, and only while the file loads', () => {
    expect(importThrough()).toEqual(['answered', 'ERR_MODULE_NOT_FOUND', 'ERR_MODULE_NOT_FOUND'])
  })

  it('leaves resolution to Node where it has no in-thread hooks or a flag bears on it', () => {
    const none = ['ERR_MODULE_NOT_FOUND', 'ERR_MODULE_NOT_FOUND', 'ERR_MODULE_NOT_FOUND']
    expect(importThrough('--conditions=development')).toEqual(none)
    if (!hasRegisterHooks) expect(importThrough()).toEqual(none)
  })
})
