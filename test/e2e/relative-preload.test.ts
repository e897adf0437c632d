import { describe, expect, it } from 'vitest'
import { fixturePath, runCli } from '../helpers/cli.js'

// Bisection's trials that need a cluster worker start a parent of their own: NODE_OPTIONS must
// reach the worker, not that parent, which starts in the root where a relative preload is missing.
describe('NODE_OPTIONS with a preload relative to the cwd the parent moved to', () => {
  it('is confirmed together with the cwd', async () => {
    const run = await runCli(fixturePath('relative-preload'))
    const [scenario] = run.report?.scenarios ?? []
    const file = 'scenarios/preload.scenario.js'
    expect(scenario?.attribution?.note).toBeUndefined()
    expect(scenario?.causes).toEqual([
      { kind: 'env', name: 'NODE_OPTIONS', confirmed: true, setAt: `${file}:9`, readAt: `${file}:12` },
      { kind: 'global', name: 'instrumented', confirmed: true, readAt: `${file}:12` },
      { kind: 'cwd', name: 'setup', confirmed: true, setAt: `${file}:8` },
    ])
    expect(run.exitCode, run.stderr).toBe(0)
  })
})
