import { describe, expect, it } from 'vitest'
import { findScenario, makeProject, runCli } from '../helpers/cli.js'

// Node reads process.channel as it makes process.stdout or process.stderr (to learn whether the
// stream's fd is the IPC channel's), so a child that merely logged looked as if it used IPC: a
// harmless IPC read for every logger, and an IPC cause placed at the first log line. A cluster
// worker's listen sends the primary a message through process.send: that is the cluster cause.
const scenarios = [
  "import { once } from 'node:events'",
  "import { createServer } from 'node:net'",
  'export const logsOnly = {',
  "  child() { console.log('starting'); console.error('warned'); return 'ok' },",
  '}',
  'export const logsThenSends = {',
  "  expect: 'differs',",
  "  child() { console.log('starting')",
  '    return typeof process.send },',
  '}',
  'export const listens = {',
  '  async child() {',
  "    const server = createServer().listen(0, '127.0.0.1')",
  "    await once(server, 'listening')",
  '    await new Promise((resolve) => server.close(resolve))',
  "    return 'ok'",
  '  },',
  '}',
  '',
].join('\n')

describe('a child that logs or listens in a cluster worker', () => {
  it('uses no IPC by it: an IPC cause is where the code looked for process.send', async () => {
    const root = makeProject({ 'scenarios/uses.scenario.js': scenarios })
    const run = await runCli(root, [])
    const idOf = (name: string) => `scenarios/uses.scenario.js#${name}`
    const logsOnly = findScenario(run.report, idOf('logsOnly'))
    expect(logsOnly).toMatchObject({ verdict: 'same', pass: true })
    expect(logsOnly.harmlessReads ?? []).toEqual([])
    const logsThenSends = findScenario(run.report, idOf('logsThenSends'))
    expect(logsThenSends).toMatchObject({ verdict: 'differs', pass: true })
    expect(logsThenSends.causes).toEqual([
      { kind: 'ipc', confirmed: true, readAt: 'scenarios/uses.scenario.js:9' },
    ])
    const listens = findScenario(run.report, idOf('listens'))
    expect(listens).toMatchObject({ verdict: 'same', pass: true })
    expect(listens.harmlessReads).toEqual([{ kind: 'cluster' }])
  })
})
