import { readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { isRunning } from '../../src/process/tree.js'
import { cleanEnv, findScenario, fixturePath, runCli } from '../helpers/cli.js'
import { makePidDir } from '../helpers/pids.js'

// test/fixtures/orphans: every run's child leaves a process behind and reports whether the one of
// the run before is still alive. The parent must stop such processes after each run (both modes
// run in one parent), so no run sees the previous one's: the verdict is `same`.
describe('processes a run left behind', () => {
  const dir = makePidDir()
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('are stopped before the next run, and none is left after the last', async () => {
    const run = await runCli(fixturePath('orphans'), [], { env: cleanEnv({ ORPHAN_DIR: dir }) })
    const scenario = findScenario(run.report!, 'scenarios/leaves-orphan.scenario.js#default')
    const values = [...scenario.outcomes.fork, ...scenario.outcomes.spawn].flat().map(({ value }) => value)
    expect(values).toEqual(Array(4).fill({ previousAlive: false }))
    expect(scenario).toMatchObject({ verdict: 'same', pass: true })
    expect(isRunning(Number(readFileSync(join(dir, 'last-orphan'), 'utf8')))).toBe(false)
  })
})
