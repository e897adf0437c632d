import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { readBaselineState } from '../../src/cli/baseline.js'
import type { CliSetup } from '../../src/cli/setup.js'

let root: string
let setup: CliSetup

beforeEach(() => {
  root = realpathSync(mkdtempSync(join(tmpdir(), 'forkcheck-state-')))
  mkdirSync(join(root, 'packages'))
  setup = { cwd: join(root, 'packages'), root, config: {}, reporters: [] }
})

afterEach(() => {
  rmSync(root, { recursive: true, force: true })
})

const EMPTY = JSON.stringify({ version: 1, scenarios: {} })

describe('readBaselineState', () => {
  it('uses forkcheck.baseline.json in the root only when it exists', async () => {
    const absent = await readBaselineState({}, setup)
    expect(absent).toEqual({
      path: join(root, 'forkcheck.baseline.json'),
      where: join(root, 'forkcheck.baseline.json'),
      baseline: undefined,
      update: false,
    })
    writeFileSync(join(root, 'forkcheck.baseline.json'), EMPTY)
    expect((await readBaselineState({}, setup)).baseline).toEqual({ version: 1, scenarios: {} })
  })

  it('takes the config path from the root and the flag path from the cwd', async () => {
    const fromConfig = await readBaselineState({}, { ...setup, config: { baseline: 'ci/known.json' } })
    expect(fromConfig.path).toBe(join(root, 'ci', 'known.json'))
    writeFileSync(join(root, 'packages', 'mine.json'), EMPTY)
    const fromFlag = await readBaselineState({ baseline: 'mine.json' }, setup)
    expect(fromFlag).toMatchObject({ path: join(root, 'packages', 'mine.json'), where: 'mine.json' })
  })

  it('wants a --baseline file to exist, unless --update-baseline will write it', async () => {
    await expect(readBaselineState({ baseline: 'new.json' }, setup)).rejects.toThrow(
      'The baseline file `new.json` does not exist: write it with --update-baseline.',
    )
    const state = await readBaselineState({ baseline: 'new.json', updateBaseline: true }, setup)
    expect(state).toMatchObject({ baseline: undefined, update: true })
  })
})
