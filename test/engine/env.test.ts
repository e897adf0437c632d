import { describe, expect, it } from 'vitest'
import { makeParentEnv, makeSpawnEnv } from '../../src/engine/env.js'

describe('makeSpawnEnv', () => {
  const harnessEnv = {
    SECRET: 'x',
    PATH: '/bin',
    HOME: '/root',
    TMPDIR: '/tmp',
    CI: 'true',
    APP_A: 'a',
    APP_B: 'b',
  }
  const input = { harnessEnv, allowEnv: [], ignoreEnv: [], declared: {}, forkEnv: { ...harnessEnv } }

  it('keeps the allow-list first, then allowEnv names and globs, then adds what is declared', () => {
    const env = makeSpawnEnv({
      ...input,
      allowEnv: ['CI', 'APP_*', 'MISSING'],
      declared: { LOG_LEVEL: 'debug' },
    })
    const { SECRET: _secret, ...allowed } = harnessEnv
    expect(env).toEqual({ ...allowed, LOG_LEVEL: 'debug' })
    expect(Object.keys(env).slice(0, 3)).toEqual(['PATH', 'HOME', 'TMPDIR'])
  })

  it('hands over an ignored variable as the fork-like child has it, set, changed or removed', () => {
    const forkEnv = { ...harnessEnv, CI: 'changed', APP_A: 'set by parent()', NODE_UNIQUE_ID: '1' }
    delete (forkEnv as Record<string, string>).HOME
    const env = makeSpawnEnv({ ...input, ignoreEnv: ['CI', 'APP_?', 'HOME', 'NODE_*'], forkEnv })
    expect(env).toEqual({ PATH: '/bin', TMPDIR: '/tmp', CI: 'changed', APP_A: 'set by parent()', APP_B: 'b' })
  })

  it('lets what is declared win over an ignored variable', () => {
    const env = makeSpawnEnv({
      ...input,
      ignoreEnv: ['CI'],
      declared: { CI: '' },
      forkEnv: { ...harnessEnv, CI: '' },
    })
    expect(env.CI).toBe('')
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
