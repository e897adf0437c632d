import { describe, expect, it } from 'vitest'
import type { CollectedFile } from '../../src/bootstrap/parent-protocol.js'
import { makePlan, parseShard, pickShard } from '../../src/engine/make-plan.js'
import type { ScenarioOptions } from '../../src/scenario/validate.js'

const ROOT = '/app'

function options(name: string, extra: Partial<ScenarioOptions> = {}): ScenarioOptions {
  return {
    name,
    execArgv: [],
    env: {},
    childExecArgv: [],
    workers: 1,
    timeout: 10_000,
    expect: 'same',
    repeat: undefined,
    only: false,
    skip: false,
    hasParent: false,
    hasParentWhileChildren: false,
    hasNormalize: false,
    ...extra,
  }
}

function file(name: string, ...exports: Array<[string, Partial<ScenarioOptions>?]>): CollectedFile {
  return {
    file: `${ROOT}/scenarios/${name}`,
    exports: exports.map(([exportName, extra]) => ({
      exportName,
      options: options(`${name} ${exportName}`, extra),
    })),
  }
}

function makeProject(count: number): CollectedFile[] {
  return Array.from({ length: count }, (_, index) => file(`s${index}.scenario.js`, ['default']))
}

function ids(plan: { toRun: Array<{ id: string }> }): string[] {
  return plan.toRun.map((scenario) => scenario.id)
}

describe('parseShard', () => {
  it('reads index/count', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 })
    expect(parseShard('1/1')).toEqual({ index: 1, count: 1 })
  })

  it.each(['0/2', '3/2', '1/0', '1', 'a/b', '1/2/3', ' 1/2', '-1/2'])(
    'rejects %s as a usage error',
    (shard) => {
      expect(() => parseShard(shard)).toThrow(/^Expected `--shard` as index\/count/)
    },
  )
})

describe('pickShard', () => {
  it('splits any size into disjoint shares that differ by one at most and cover everything', () => {
    for (let size = 0; size <= 40; size++) {
      const items = Array.from({ length: size }, (_, index) => index)
      for (let count = 1; count <= 7; count++) {
        const shares = Array.from({ length: count }, (_, index) =>
          pickShard(items, { index: index + 1, count }),
        )
        const sizes = shares.map((share) => share.length)
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1)
        expect(shares.flat().sort((a, b) => a - b)).toEqual(items)
      }
    }
  })
})

describe('makePlan with shards', () => {
  it('gives every shard the same order whatever order files were collected in', () => {
    const project = makeProject(9)
    const shuffled = [...project].reverse()
    for (const shard of ['1/3', '2/3', '3/3']) {
      expect(ids(makePlan(shuffled, ROOT, { shard }))).toEqual(ids(makePlan(project, ROOT, { shard })))
    }
  })

  it('orders ids by code unit, not by locale', () => {
    const project = [
      file('b.scenario.js', ['default']),
      file('B.scenario.js', ['default']),
      file('_a.scenario.js', ['default']),
    ]
    expect(ids(makePlan(project, ROOT, {}))).toEqual([
      'scenarios/B.scenario.js#default',
      'scenarios/_a.scenario.js#default',
      'scenarios/b.scenario.js#default',
    ])
  })

  it('balances what runs, not what is skipped', () => {
    // Every other scenario skipped: a split before filtering would put every run in one shard.
    const project = Array.from({ length: 8 }, (_, index) =>
      file(`s${index}.scenario.js`, ['default', { skip: index % 2 === 0 }]),
    )
    const shares = ['1/2', '2/2'].map((shard) => makePlan(project, ROOT, { shard }))
    expect(shares.map((plan) => plan.toRun.length)).toEqual([2, 2])
    expect(shares.map((plan) => plan.skipped.length)).toEqual([2, 2])
  })

  it('adds up to the unsharded run, with only, skip and a name pattern decided over the whole project', () => {
    // One `only` in the project: a shard that does not hold it must still skip the rest.
    const focused = [file('a.scenario.js', ['default'], ['focused', { only: true }]), ...makeProject(6)]
    const filtered = [file('a.scenario.js', ['default', { skip: true }]), ...makeProject(8)]
    const cases = [
      { project: focused, runOptions: {}, expected: ['scenarios/a.scenario.js#focused'] },
      {
        project: filtered,
        runOptions: { testNamePattern: 's[0-3]' },
        expected: [0, 1, 2, 3].map((index) => `scenarios/s${index}.scenario.js#default`),
      },
    ]
    for (const { project, runOptions, expected } of cases) {
      const whole = makePlan(project, ROOT, runOptions)
      expect(ids(whole)).toEqual(expected)
      const shards = [1, 2, 3].map((index) => makePlan(project, ROOT, { ...runOptions, shard: `${index}/3` }))
      expect(shards.flatMap(ids).sort()).toEqual(expected)
      expect(shards.flatMap((plan) => plan.skipped.map((s) => s.id)).sort()).toEqual(
        whole.skipped.map((s) => s.id).sort(),
      )
    }
  })

  it('shards broken files like any other scenario', () => {
    const project: CollectedFile[] = [
      ...makeProject(3),
      { file: `${ROOT}/scenarios/broken.scenario.js`, exports: [], error: 'SyntaxError' },
    ]
    const shards = ['1/2', '2/2'].map((shard) => makePlan(project, ROOT, { shard }))
    expect(shards.flatMap(ids)).toContain('scenarios/broken.scenario.js#default')
    expect(shards.map((plan) => plan.toRun.length)).toEqual([2, 2])
  })
})
