import { describe, expect, it } from 'vitest'
import { makeParentEnv, makeSpawnEnv } from '../../src/engine/env.js'

describe('makeSpawnEnv', () => {
  it('keeps only the allow-list, then adds what is declared', () => {
    const harness = { PATH: '/bin', HOME: '/root', SECRET: 'x', TMPDIR: '/tmp', CI: 'true' }
    expect(makeSpawnEnv(harness, ['CI'], { LOG_LEVEL: 'debug' })).toEqual({
      PATH: '/bin',
      HOME: '/root',
      TMPDIR: '/tmp',
      CI: 'true',
      LOG_LEVEL: 'debug',
    })
  })
})

describe('makeParentEnv', () => {
  it('drops Node cluster plumbing', () => {
    expect(makeParentEnv({ A: '1', NODE_UNIQUE_ID: '3', NODE_CHANNEL_FD: '4', B: undefined })).toEqual({
      A: '1',
    })
  })

  it('gives a parent started from vitest the same clean start as from the CLI', () => {
    const env = { A: '1', VITEST: 'true', VITEST_POOL_ID: '1', NODE_ENV: 'test' }
    expect(makeParentEnv(env, { fromVitest: true })).toEqual({ A: '1' })
  })
})
