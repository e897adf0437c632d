import { describe, expect, it } from 'vitest'
import { cleanEnv, repoRoot } from '../helpers/cli.js'

// Scenarios without parent() or execArgv share pristine parents for speed (docs/performance.md).
// Sharing must never change a verdict or a cause: compare with every scenario in its own parent.
describe('shared parents', () => {
  it('give the same verdicts and causes as a parent per scenario', async () => {
    const { run } = (await import(`${repoRoot}/dist/index.js`)) as typeof import('../../src/index.js')
    const files = [
      'scenarios/ipc.scenario.ts',
      'scenarios/cluster-role.scenario.ts',
      'scenarios/listen-zero.scenario.ts',
      'scenarios/shared-fixed-port.scenario.ts',
      'scenarios/pure.scenario.ts',
      'scenarios/declared-env.scenario.ts',
      'scenarios/volatile-values.scenario.ts',
    ]
    const summarize = async (shareParents: boolean) => {
      const report = await run({
        cwd: repoRoot,
        files,
        shareParents,
        env: cleanEnv(),
        fromVitest: true,
        reporters: [],
      })
      return report.scenarios.map((scenario) => ({
        id: scenario.id,
        verdict: scenario.verdict,
        causes: scenario.causes.map((cause) => `${cause.kind}:${cause.name ?? ''}:${cause.confirmed}`).sort(),
      }))
    }
    const shared = await summarize(true)
    expect(shared).toHaveLength(files.length)
    expect(await summarize(false)).toEqual(shared)
  })
})
