import { describe, expect, it } from 'vitest'
import { failureOf, runVitest, SECRET, statuses } from './run-vitest.js'

// One vitest run of the `files` fixture: scenarioFiles() over scenario files, and the matcher.
describe('scenarioFiles() and the matcher', async () => {
  const run = await runVitest('files')

  it('reports one test per scenario file and each matcher use', () => {
    expect(statuses(run), run.output).toEqual({
      'test/scenario-files.test.ts › scenarios/clean.scenario.ts': 'passed',
      'test/scenario-files.test.ts › scenarios/leaky.scenario.ts': 'failed',
      'test/matcher.test.ts › the matcher passes for a spec defined at the top level': 'passed',
      'test/matcher.test.ts › the matcher passes negated for a spec that differs': 'passed',
      'test/matcher.test.ts › the matcher finds a spec defined in another module': 'passed',
      'test/matcher.test.ts › the matcher takes a path#export string': 'passed',
      'test/matcher.test.ts › the matcher rejects a plain object': 'passed',
      'test/matcher.test.ts › the matcher rejects a spec defined inside a test': 'passed',
      'test/matcher-fails.test.ts › fails with the causes and the diff': 'failed',
    })
    expect(run.exitCode).toBe(1)
  })

  it('fails a scenario file with the details of each scenario that did not pass', () => {
    const message = failureOf(run, 'test/scenario-files.test.ts › scenarios/leaky.scenario.ts')
    expect(message).toContain(
      'scenarios/leaky.scenario.ts#default › reads the token the parent set: differs between fork-like and spawn-like',
    )
    expect(message).toMatch(/env API_TOKEN {2}confirmed {2}set at scenarios\/leaky\.scenario\.ts:6/)
    expect(message).toMatch(/── \[0\]\.value\.hasToken ─+┼─+\n\s+true +│ false/)
    // The export that expects its difference passed: it is not listed.
    expect(message).not.toContain('#known')
  })

  it('fails the matcher with the causes and the side-by-side diff', () => {
    const message = failureOf(run, 'test/matcher-fails.test.ts › fails with the causes and the diff')
    expect(message).toContain(
      'test/matcher-fails.test.ts#@defineScenario:0 › leaks the tier: differs between fork-like and spawn-like',
    )
    expect(message).toMatch(/env TIER {2}confirmed {2}set at test\/matcher-fails\.test\.ts:8/)
    expect(message).toMatch(/── \[0\]\.value\.tiered ─+┼─+\n\s+true +│ false/)
  })

  it('never prints the value a parent set', () => {
    expect(run.output).not.toContain(SECRET)
    expect(run.output).not.toContain('platinum')
    expect(run.rawReport).not.toContain(SECRET)
  })
})
