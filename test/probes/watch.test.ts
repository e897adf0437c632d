import { describe, expect, it } from 'vitest'
import type { DeltaItem } from '../../src/attribution/delta.js'
import { makeProbeWatch } from '../../src/probes/watch.js'

describe('makeProbeWatch', () => {
  it('watches only what the fork-like child inherits beyond the spawn-like one', () => {
    const delta: DeltaItem[] = [
      { kind: 'env', name: 'DATABASE_URL' },
      { kind: 'env', name: 'LOG_LEVEL' },
      { kind: 'execArgv', name: '--conditions=development', args: ['--conditions=development'] },
      { kind: 'ipc' },
      { kind: 'cluster' },
    ]
    expect(makeProbeWatch(delta, ['setupDone'])).toEqual({
      env: ['DATABASE_URL', 'LOG_LEVEL'],
      cwd: false,
      execArgv: true,
      globals: ['setupDone'],
    })
  })

  it('watches the cwd only when the parent left it elsewhere', () => {
    const delta: DeltaItem[] = [{ kind: 'cwd', name: 'packages/app' }, { kind: 'ipc' }, { kind: 'cluster' }]
    expect(makeProbeWatch(delta, [])).toEqual({ env: [], cwd: true, execArgv: false, globals: [] })
  })
})
