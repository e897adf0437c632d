import { describe, expect, it } from 'vitest'
import { findScenario, linkForkcheck, makeProject, runCli } from '../helpers/cli.js'

// A parent forks a worker per child of every run it serves, so cluster's own counter would give
// the fork-like children of each run new ids.
const SCENARIO = `import cluster from 'node:cluster'
import { defineScenario } from 'forkcheck'

export default defineScenario({
  workers: 2,
  repeat: 3,
  child() {
    const name = cluster.isWorker ? \`worker \${cluster.worker?.id}\` : 'standalone'
    console.log(\`\${name} started\`)
    return name
  },
})
`

describe('cluster worker ids', () => {
  it('number the workers of each fork-like run from 1, so a role in a log line differs, not flaky', async () => {
    const dir = makeProject({ 'scenarios/worker-id.scenario.ts': SCENARIO })
    linkForkcheck(dir)
    const run = await runCli(dir)
    const scenario = findScenario(run.report, 'scenarios/worker-id.scenario.ts#default')
    expect(scenario.verdict).toBe('differs')
    expect(scenario.variations ?? []).toEqual([])
    expect(scenario.causes.map((cause) => `${cause.kind}:${cause.name}`)).toEqual(['cluster:role'])
    for (const outcomes of scenario.outcomes.fork) {
      expect(outcomes.map((outcome) => outcome.value).sort()).toEqual(['worker 1', 'worker 2'])
    }
    expect(scenario.outcomes.spawn.flat().map((outcome) => outcome.value)).toEqual(
      Array(6).fill('standalone'),
    )
  })
})
