import { describe, expect, it } from 'vitest'
import { findScenario, makeProject, runCli } from '../helpers/cli.js'

// Node reads process.channel as it makes process.stdout or process.stderr (to learn whether the
// stream's fd is the IPC channel's), so a child that merely logged looked as if it used IPC: a
// harmless IPC read for every logger, and an IPC cause placed at the first log line.
describe('a child that logs in a cluster worker', () => {
  it('uses no IPC by logging: the cause is where it looked for process.send', async () => {
    const root = makeProject({
      'scenarios/logs.scenario.js': [
        'export const logsOnly = {',
        "  child() { console.log('starting'); console.error('warned'); return 'ok' },",
        '}',
        'export const logsThenSends = {',
        "  expect: 'differs',",
        "  child() { console.log('starting')",
        '    return typeof process.send },',
        '}',
        '',
      ].join('\n'),
    })
    const run = await runCli(root, [])
    const logsOnly = findScenario(run.report, 'scenarios/logs.scenario.js#logsOnly')
    expect(logsOnly).toMatchObject({ verdict: 'same', pass: true })
    expect(logsOnly.harmlessReads ?? []).toEqual([])
    const logsThenSends = findScenario(run.report, 'scenarios/logs.scenario.js#logsThenSends')
    expect(logsThenSends).toMatchObject({ verdict: 'differs', pass: true })
    expect(logsThenSends.causes).toEqual([
      { kind: 'ipc', confirmed: true, readAt: 'scenarios/logs.scenario.js:7' },
    ])
  })
})
