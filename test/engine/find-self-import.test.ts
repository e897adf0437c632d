import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { findSelfImports } from '../../src/engine/find-self-import.js'
import { linkForkcheck, repoRoot } from '../helpers/cli.js'

const temp = realpathSync(mkdtempSync(join(tmpdir(), 'forkcheck-self-import-')))
afterAll(() => rmSync(temp, { recursive: true, force: true }))

const ownEntry = join(repoRoot, 'dist', 'index.js')

/** A folder holding one scenario file; `forkcheck` links to `target` in its node_modules. */
function makeProject(name: string, target?: string): string {
  const dir = join(temp, name)
  mkdirSync(join(dir, 'node_modules'), { recursive: true })
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name, type: 'module' }))
  writeFileSync(join(dir, 'a.scenario.mjs'), "export { defineScenario } from 'forkcheck'\n")
  writeFileSync(join(dir, 'b.scenario.mjs'), "export { defineScenario } from 'forkcheck'\n")
  if (target) linkForkcheck(dir, target)
  return dir
}

/** What Node's own import resolves `forkcheck` to from `file`'s folder, in a process of its own. */
function nodeResolves(file: string): string {
  // An evaluated module resolves from the working folder, as a module in that folder would.
  const script = "console.log(import.meta.resolve('forkcheck'))"
  return execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: dirname(file),
    encoding: 'utf8',
  }).trim()
}

describe('findSelfImports', () => {
  it('names the URL Node itself resolves `forkcheck` to, for a project that links to this harness', () => {
    const dir = makeProject('linked', repoRoot)
    const file = join(dir, 'a.scenario.mjs')
    const found = findSelfImports([file], ownEntry)[file]
    expect(found).toEqual({ folder: `${pathToFileURL(dir).href}/`, entry: pathToFileURL(ownEntry).href })
    expect(nodeResolves(file)).toBe(found?.entry)
  })

  it("names it for the harness's own scenarios, which reach it by the package's own name", () => {
    const file = join(repoRoot, 'scenarios', 'chdir.scenario.ts')
    const found = findSelfImports([file], ownEntry)[file]
    expect(found?.entry).toBe(pathToFileURL(ownEntry).href)
    expect(nodeResolves(file)).toBe(found?.entry)
  })

  it('leaves out files whose `forkcheck` is another copy, or missing', () => {
    const other = join(temp, 'other-forkcheck')
    mkdirSync(join(other, 'dist'), { recursive: true })
    writeFileSync(
      join(other, 'package.json'),
      JSON.stringify({ name: 'forkcheck', type: 'module', exports: { '.': './dist/index.js' } }),
    )
    writeFileSync(join(other, 'dist', 'index.js'), 'export const other = true\n')
    const copy = join(makeProject('copy', other), 'a.scenario.mjs')
    const none = join(makeProject('none'), 'a.scenario.mjs')
    const linked = join(makeProject('linked-too', repoRoot), 'a.scenario.mjs')
    const found = findSelfImports([copy, none, linked], ownEntry)
    expect(Object.keys(found)).toEqual([linked])
    expect(nodeResolves(copy)).toBe(pathToFileURL(join(other, 'dist', 'index.js')).href)
  })

  it('gives files of one folder one answer, and none at all under NODE_PATH', () => {
    const dir = makeProject('two-files', repoRoot)
    const files = [join(dir, 'a.scenario.mjs'), join(dir, 'b.scenario.mjs')]
    const found = findSelfImports(files, ownEntry)
    expect(found[files[0] as string]).toBe(found[files[1] as string])
    vi.stubEnv('NODE_PATH', temp)
    try {
      expect(findSelfImports(files, ownEntry)).toEqual({})
    } finally {
      vi.unstubAllEnvs()
    }
  })
})
