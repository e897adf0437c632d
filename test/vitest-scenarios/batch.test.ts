import type { RunnerTestCase, RunnerTestFile } from 'vitest'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { rememberTarget, takeBatchResult } from '../../src/vitest/batch.js'
import { checkScenarios } from '../../src/vitest/check.js'
import { makeResult } from '../reporters/sample.js'

vi.mock('../../src/vitest/check.js', () => ({
  checkScenarios: vi.fn(async ({ exportNames }: { exportNames: string[] }) =>
    exportNames.map((exportName) => makeResult({ exportName, id: `test/a.test.ts#${exportName}` })),
  ),
}))

type Mode = RunnerTestCase['mode']

function makeFile(modes: Record<string, Mode>, options: Record<string, object> = {}) {
  const file = { type: 'suite', tasks: [] as unknown[] } as unknown as RunnerTestFile
  const tests: Record<string, RunnerTestCase> = {}
  const suite = { type: 'suite', tasks: [] as unknown[] }
  for (const [name, mode] of Object.entries(modes)) {
    const test = { type: 'test', mode, file } as unknown as RunnerTestCase
    tests[name] = test
    // Half of them inside a describe(), to check nested tasks are found.
    ;(name.startsWith('nested') ? suite.tasks : file.tasks).push(test)
    rememberTarget(test, { file: '/p/test/a.test.ts', exportName: `@${name}`, options: options[name] ?? {} })
  }
  file.tasks.push(suite as never)
  return tests
}

beforeEach(() => {
  vi.mocked(checkScenarios).mockClear()
})

describe('takeBatchResult', () => {
  it('checks the running scenario() tests of a file in one run, each taking its own result', async () => {
    const tests = makeFile({ a: 'run', nestedB: 'run', skipped: 'skip', nestedC: 'run' })
    const [a, b, c] = await Promise.all([
      takeBatchResult(tests.a!, '/loader.js'),
      takeBatchResult(tests.nestedB!, '/loader.js'),
      takeBatchResult(tests.nestedC!, '/loader.js'),
    ])
    expect([a?.exportName, b?.exportName, c?.exportName]).toEqual(['@a', '@nestedB', '@nestedC'])
    expect(checkScenarios).toHaveBeenCalledTimes(1)
    expect(checkScenarios).toHaveBeenCalledWith(
      { file: '/p/test/a.test.ts', exportNames: ['@a', '@nestedB', '@nestedC'], loader: '/loader.js' },
      {},
    )
  })

  it('leaves a retry, and a test vitest does not run, to run alone', async () => {
    const tests = makeFile({ a: 'run', skipped: 'skip' })
    expect((await takeBatchResult(tests.a!, '/loader.js'))?.exportName).toBe('@a')
    expect(await takeBatchResult(tests.a!, '/loader.js')).toBeUndefined()
    expect(await takeBatchResult(tests.skipped!, '/loader.js')).toBeUndefined()
  })

  it('runs tests with different run options in different runs', async () => {
    const tests = makeFile({ a: 'run', b: 'run' }, { b: { ignoreEnv: ['CI'] } })
    await takeBatchResult(tests.a!, '/loader.js')
    await takeBatchResult(tests.b!, '/loader.js')
    expect(
      vi.mocked(checkScenarios).mock.calls.map(([target, options]) => [target.exportNames, options]),
    ).toEqual([
      [['@a'], {}],
      [['@b'], { ignoreEnv: ['CI'] }],
    ])
  })
})
