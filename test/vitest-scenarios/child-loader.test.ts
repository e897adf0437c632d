import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { explainCopies } from '../../src/vitest/child-loader.js'
import { makeProject, repoRoot } from '../helpers/cli.js'

describe('explainCopies', () => {
  const vitestError = new Error(
    'Vitest failed to find the current suite. One of the following is possible:\n- …',
  )

  it('names both copies when the file uses another vitest than forkcheck/vitest', () => {
    const dir = makeProject({
      'node_modules/vitest/package.json': '{ "name": "vitest", "version": "4.1.12" }\n',
    })
    const explained = explainCopies(vitestError, join(dir, 'test', 'a.test.ts')) as Error
    expect(explained.message).toBe(
      `Vitest failed to find the current suite. The file uses the vitest in ${join(dir, 'node_modules', 'vitest')}, forkcheck/vitest the one in ${join(repoRoot, 'node_modules', 'vitest')}: two copies cannot share a collection outside vitest's workers. Install forkcheck in this project (npm install -D forkcheck) rather than linking a copy with its own node_modules, so that both use one vitest.`,
    )
    expect(explained.cause).toBe(vitestError)
  })

  it("leaves the error alone with one copy, or when it is not vitest's", () => {
    const oneCopy = join(repoRoot, 'test', 'fixtures', 'x.test.ts')
    expect(explainCopies(vitestError, oneCopy)).toBe(vitestError)
    const dir = makeProject({ 'node_modules/vitest/package.json': '{ "name": "vitest" }\n' })
    const own = new TypeError('boom')
    expect(explainCopies(own, join(dirname(dir), 'a.test.ts'))).toBe(own)
    expect(explainCopies(own, join(dir, 'a.test.ts'))).toBe(own)
  })
})
