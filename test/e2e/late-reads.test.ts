import { describe, expect, it } from 'vitest'
import { fixturePath, runCli } from '../helpers/cli.js'

// Code that runs after child() settled (exit hooks, a last timer, an immediate that runs while the outcome is made) still makes the outcome: its
// reads name the line, and the item it read, as reads during child() do.
describe('reads after child() settled', () => {
  it('are read where an exit hook or a later timer touched the item', async () => {
    const run = await runCli(fixturePath('late-reads'))
    const causes = Object.fromEntries(
      (run.report?.scenarios ?? []).map((scenario) => [scenario.id, scenario.causes]),
    )
    const file = 'scenarios/exit.scenario.js'
    expect(causes).toEqual({
      [`${file}#env`]: [
        { kind: 'env', name: 'LOG_ON_EXIT', confirmed: true, setAt: `${file}:8`, readAt: `${file}:12` },
      ],
      [`${file}#ipc`]: [{ kind: 'ipc', confirmed: true, readAt: `${file}:21` }],
      [`${file}#immediate`]: [
        { kind: 'env', name: 'FLUSH_LOG', confirmed: true, setAt: `${file}:42`, readAt: `${file}:46` },
      ],
      [`${file}#cwd`]: [
        { kind: 'cwd', name: 'data', confirmed: true, setAt: `${file}:29`, readAt: `${file}:33` },
      ],
    })
    expect(run.exitCode, run.stderr).toBe(0)
  })
})
