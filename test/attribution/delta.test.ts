import { describe, expect, it } from 'vitest'
import { computeDelta, groupExecArgv, makeTrialSpec } from '../../src/attribution/delta.js'

describe('groupExecArgv', () => {
  it('keeps each flag with its value', () => {
    expect(
      groupExecArgv(['--require', './a.cjs', '--conditions=dev', '-C', 'test', '--no-warnings']),
    ).toEqual([['--require', './a.cjs'], ['--conditions=dev'], ['-C', 'test'], ['--no-warnings']])
  })
})

describe('computeDelta', () => {
  const base = {
    root: '/app',
    forkEnv: {
      PATH: '/bin',
      CI: 'true',
      DATABASE_URL: 'pg',
      NODE_UNIQUE_ID: '1',
      TZ: 'UTC',
    },
    // CI as makeSpawnEnv hands over an ignored variable: the same in both.
    spawnEnv: { PATH: '/bin', CI: 'true', TZ: 'Europe/Paris' },
    parentExecArgv: ['--require', './setup.cjs'],
    parentCwd: '/app/sub',
  }

  it('lists what fork-like had and spawn-like did not, minus Node plumbing', () => {
    expect(computeDelta(base)).toEqual([
      { kind: 'env', name: 'DATABASE_URL' },
      { kind: 'env', name: 'TZ' },
      { kind: 'execArgv', name: '--require ./setup.cjs', args: ['--require', './setup.cjs'] },
      { kind: 'cwd', name: 'sub' },
      { kind: 'ipc' },
      { kind: 'cluster' },
    ])
  })

  it('has no cwd item when the parent stayed at the root', () => {
    expect(computeDelta({ ...base, parentCwd: '/app' }).some((item) => item.kind === 'cwd')).toBe(false)
  })
})

describe('makeTrialSpec', () => {
  const base = {
    spawnEnv: { PATH: '/bin' },
    forkEnv: { PATH: '/bin', DATABASE_URL: 'pg' },
    childExecArgv: ['--expose-gc'],
    root: '/app',
    parentCwd: '/app/sub',
  }

  it('adds env, flags and cwd back to a clean spawn', () => {
    const { spec, parentEnv } = makeTrialSpec(
      [
        { kind: 'env', name: 'DATABASE_URL' },
        { kind: 'execArgv', name: '--require x', args: ['--require', 'x'] },
        { kind: 'cwd', name: 'sub' },
        { kind: 'ipc' },
      ],
      base,
    )
    expect(parentEnv).toBeUndefined()
    expect(spec).toEqual({
      via: 'spawn',
      ipc: true,
      env: { PATH: '/bin', DATABASE_URL: 'pg' },
      execArgv: ['--require', 'x', '--expose-gc'],
      cwd: '/app/sub',
    })
  })

  it('starts a cluster worker from a parent with exactly the chosen env', () => {
    const { spec, parentEnv } = makeTrialSpec([{ kind: 'cluster' }], base)
    expect(spec.via).toBe('cluster')
    expect(spec.env).toEqual({})
    expect(parentEnv).toEqual({ PATH: '/bin' })
  })

  it('gives NODE_OPTIONS to the cluster worker alone, not to the parent it starts from', () => {
    const withOptions = { ...base, forkEnv: { ...base.forkEnv, NODE_OPTIONS: '--require ./setup.cjs' } }
    const { spec, parentEnv } = makeTrialSpec(
      [{ kind: 'env', name: 'NODE_OPTIONS' }, { kind: 'env', name: 'DATABASE_URL' }, { kind: 'cluster' }],
      withOptions,
    )
    expect(spec.env).toEqual({ NODE_OPTIONS: '--require ./setup.cjs' })
    expect(parentEnv).toEqual({ PATH: '/bin', DATABASE_URL: 'pg' })
  })
})
