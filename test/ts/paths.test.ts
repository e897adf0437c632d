import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { resolveSync } from '../../src/ts/hooks.js'
import { resolveTsconfigPath } from '../../src/ts/paths.js'
import { prepareTypeScript } from '../../src/ts/transpile.js'

// A project whose tsconfig.json extends a base with `paths`, with comments and trailing commas.
const dir = mkdtempSync(join(tmpdir(), 'forkcheck-paths-'))
const FILES: Record<string, string> = {
  'tsconfig.base.json':
    '{ "compilerOptions": { "baseUrl": ".", "paths": { "@app/*": ["src/*", "generated/*"] } } }',
  'tsconfig.json':
    '// the project\n{ "extends": "./tsconfig.base.json", "compilerOptions": { "strict": true, }, }\n',
  'src/config.ts': "import { shout } from '@app/text/shout.js'\nexport const name = shout('app')\n",
  'src/text/shout.ts': 'export const shout = (text: string): string => text.toUpperCase()\n',
  'generated/version.ts': 'export const version = 1\n',
  'node_modules/dep/index.ts': '',
}
for (const [file, text] of Object.entries(FILES)) {
  mkdirSync(join(dir, file, '..'), { recursive: true })
  writeFileSync(join(dir, file), text)
}
const entry = pathToFileURL(join(dir, 'scenarios', 'a.scenario.ts')).href
const notFound = (specifier: string): never => {
  throw Object.assign(new Error(`Cannot find package '${specifier}'`), { code: 'ERR_MODULE_NOT_FOUND' })
}

describe('tsconfig paths', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('maps a bare specifier through the extended tsconfig, each target in turn, as TypeScript would', () => {
    expect(resolveTsconfigPath('@app/config', entry)).toBe(join(dir, 'src/config.ts'))
    expect(resolveTsconfigPath('@app/config.js', entry)).toBe(join(dir, 'src/config.ts'))
    expect(resolveTsconfigPath('@app/version', entry)).toBe(join(dir, 'generated/version.ts'))
    expect(resolveTsconfigPath('@app/missing', entry)).toBeUndefined()
    expect(resolveTsconfigPath('./config', entry)).toBeUndefined()
    // Dependencies' own imports are theirs to resolve.
    expect(
      resolveTsconfigPath('@app/config', pathToFileURL(join(dir, 'node_modules/dep/index.ts')).href),
    ).toBeUndefined()
  })

  it('asks only once Node could not resolve the name, and passes on other errors', () => {
    expect(resolveSync('@app/config', { parentURL: entry }, notFound)).toEqual({
      url: pathToFileURL(join(dir, 'src/config.ts')).href,
      shortCircuit: true,
    })
    expect(
      resolveSync('@app/config', { parentURL: entry }, (specifier) => ({ url: `next:${specifier}` })),
    ).toEqual({
      url: 'next:@app/config',
    })
    expect(() => resolveSync('@app/missing', { parentURL: entry }, notFound)).toThrow(
      "Cannot find package '@app/missing'",
    )
    const other = () => {
      throw Object.assign(new Error('not exported'), { code: 'ERR_PACKAGE_PATH_NOT_EXPORTED' })
    }
    expect(() => resolveSync('@app/config', { parentURL: entry }, other)).toThrow('not exported')
  })

  it('maps nothing, and never throws, for a tsconfig.json that cannot be read', () => {
    for (const [name, text] of [
      ['bad-json', '{ "compilerOptions": { "paths": { "@app/*": ["src/*"] } '],
      ['bad-extends', '{ "extends": "@tsconfig/not-installed/tsconfig.json" }'],
    ]) {
      const project = join(dir, name as string)
      mkdirSync(join(project, 'src'), { recursive: true })
      writeFileSync(join(project, 'tsconfig.json'), text as string)
      writeFileSync(join(project, 'src/config.ts'), '')
      writeFileSync(join(project, 'entry.ts'), "import '@app/config'\n")
      expect(
        resolveTsconfigPath('@app/config', pathToFileURL(join(project, 'entry.ts')).href),
      ).toBeUndefined()
      expect(() => prepareTypeScript([join(project, 'entry.ts')], join(project, 'cache'))).not.toThrow()
    }
  })

  it('lets the harness transpile what aliased imports reach, so children never need typescript', () => {
    const cache = join(dir, 'cache')
    writeFileSync(join(dir, 'entry.ts'), "import { name } from '@app/config'\nexport default name\n")
    prepareTypeScript([join(dir, 'entry.ts')], cache)
    // entry.ts, src/config.ts and, through config's own alias, src/text/shout.ts.
    expect(existsSync(cache) && readdirSync(cache).filter((file) => file.endsWith('.js'))).toHaveLength(3)
  })
})
