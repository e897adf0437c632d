import { describe, expect, it } from 'vitest'
import type { ChildResult } from '../../src/bootstrap/children.js'
import { attributeDifference, findForkOnlyGlobals } from '../../src/engine/attribute.js'
import type { EngineContext } from '../../src/engine/context.js'
import type { ModeRun } from '../../src/engine/modes.js'
import type { ParentHost } from '../../src/engine/parent-host.js'
import type { PlannedScenarioRun } from '../../src/engine/plan.js'
import type { ProbeRead } from '../../src/probes/recorder.js'

// No processes: attribution of a verdict that needs no bisection works on recorded runs alone.
function makeRun(children: Array<{ globals?: string[]; reads?: ProbeRead[] }>): ModeRun {
  const results = children.map(
    ({ globals = [], reads = [] }) => ({ initialGlobals: globals, reads }) as unknown as ChildResult,
  )
  return { results, startedAt: 0, endedAt: 0, parentPid: 1 }
}

describe('findForkOnlyGlobals', () => {
  it('lists, once and sorted, what fork-like children had at start and no spawn-like child had', () => {
    const runs = {
      fork: [makeRun([{ globals: ['a', 'z', 'b'] }, { globals: ['a', 'y'] }]), makeRun([{ globals: ['y'] }])],
      spawn: [makeRun([{ globals: ['a'] }]), makeRun([{ globals: ['b'] }])],
    }
    expect(findForkOnlyGlobals(runs)).toEqual(['y', 'z'])
    expect(findForkOnlyGlobals({ fork: runs.fork, spawn: [] })).toEqual(['a', 'b', 'y', 'z'])
  })
})

describe('attributeDifference of a verdict other than differs', () => {
  const root = '/home/dev/app'
  const attribute = (reads: ProbeRead[]) =>
    attributeDifference({
      // Neither the parent nor bisection is needed for a verdict other than differs.
      parent: undefined as unknown as ParentHost,
      scenario: { options: { env: {}, childExecArgv: [] } } as unknown as PlannedScenarioRun,
      state: {
        env: { DATABASE_URL: 'x', PATH: '/bin' },
        cwd: root,
        execArgv: [],
        setAt: {},
        input: undefined,
      },
      runs: { fork: [makeRun([{ reads }])], spawn: [makeRun([{}])] },
      normalized: { fork: [], spawn: [] },
      classification: { verdict: 'same', diffs: [], variations: [], masked: [] },
      context: {
        root,
        harnessEnv: { PATH: '/bin' },
        allowEnv: [],
        ignoreEnv: [],
      } as unknown as EngineContext,
    })

  it('names the inherited items the fork-like child read as harmless', async () => {
    const reads: ProbeRead[] = [
      { kind: 'env', name: 'DATABASE_URL', at: 'src/config.ts:4' },
      { kind: 'env', name: 'PATH', at: 'src/config.ts:5' },
    ]
    expect(await attribute(reads)).toEqual({
      causes: [],
      harmlessReads: [{ kind: 'env', name: 'DATABASE_URL' }],
    })
  })

  it('has no harmless reads when the child read nothing', async () => {
    expect(await attribute([])).toEqual({ causes: [], harmlessReads: [] })
  })
})
