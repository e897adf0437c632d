import { beforeAll, describe, expect, it } from 'vitest'
import type { ChildOutcome, Report, ScenarioResult } from '../../src/types.js'
import { cleanEnv, findScenario, fixturePath, runCli } from '../helpers/cli.js'

// test/fixtures/handles: what a child leaves open, listed the same way in both modes. A cluster
// worker's server listens through the primary and Node lists it as something else (a Timeout with
// round robin, a TCPSocketWrap with shared handles): forkcheck names it as the server it stands for.
// A child that logged is not held by its stdio, and one that let go of what it left open is let end.

type Modes = Record<'fork' | 'spawn', ChildOutcome[]>

function outcomesOf(scenario: ScenarioResult): Modes {
  return { fork: scenario.outcomes.fork.flat(), spawn: scenario.outcomes.spawn.flat() }
}

/** The verdict, and what every outcome of each mode left open. */
function expectHandles(scenario: ScenarioResult, verdict: string, fork: string[], spawn = fork): void {
  const { fork: forkOutcomes, spawn: spawnOutcomes } = outcomesOf(scenario)
  expect(forkOutcomes.length).toBeGreaterThan(0)
  expect(spawnOutcomes.length).toBeGreaterThan(0)
  for (const outcome of forkOutcomes) expect(outcome.openHandles).toEqual(fork)
  for (const outcome of spawnOutcomes) expect(outcome.openHandles).toEqual(spawn)
  expect(scenario).toMatchObject({ verdict, pass: true })
}

/** Every child ran to its own end: no signal from the harness, both exit events emitted. */
function expectEndedByThemselves(scenario: ScenarioResult): void {
  for (const outcome of [...outcomesOf(scenario).fork, ...outcomesOf(scenario).spawn]) {
    expect(outcome).toMatchObject({ exitCode: 0, signal: null, exitHooks: { beforeExit: true, exit: true } })
  }
}

const checks: Record<string, (scenario: ScenarioResult) => void> = {
  'servers-left-open#default': (scenario) => {
    expectHandles(scenario, 'same', ['TCPServerWrap', 'TCPServerWrap'])
    expect(outcomesOf(scenario).fork).toHaveLength(2)
  },
  'servers-left-open#closedOnSigterm': (scenario) => {
    expectHandles(scenario, 'same', ['TCPServerWrap'])
    for (const outcome of [...outcomesOf(scenario).fork, ...outcomesOf(scenario).spawn])
      expect(outcome).toMatchObject({ exitCode: 0, signal: null, stdout: 'got SIGTERM\n' })
  },
  'servers-left-open#unref': (scenario) => expectHandles(scenario, 'same', []),
  'other-servers#udp': (scenario) => expectHandles(scenario, 'same', ['UDPWrap']),
  'other-servers#pipe': (scenario) => expectHandles(scenario, 'same', ['PipeWrap']),
  'real-differences#timerBesideServer': (scenario) =>
    expectHandles(scenario, 'differs', ['TCPServerWrap', 'Timeout'], ['TCPServerWrap']),
  'real-differences#serverOnlyInWorker': (scenario) =>
    expectHandles(scenario, 'differs', ['TCPServerWrap'], []),
  'real-differences#portFromEnv': (scenario) => {
    expectHandles(scenario, 'differs', [])
    expect(scenario.causes).toEqual([expect.objectContaining({ kind: 'env', name: 'PORT', confirmed: true })])
  },
  'finishing#logsThenFinishes': (scenario) => {
    expectHandles(scenario, 'same', [])
    expectEndedByThemselves(scenario)
  },
  'finishing#writesBehindBusyPool': (scenario) => {
    expectHandles(scenario, 'same', [])
    expectEndedByThemselves(scenario)
    for (const outcome of [...outcomesOf(scenario).fork, ...outcomesOf(scenario).spawn])
      expect(outcome.stdout).toBe('request served\n')
  },
  'finishing#letsGoThenFinishes': (scenario) => {
    expectHandles(scenario, 'same', ['Timeout'])
    expectEndedByThemselves(scenario)
  },
  'timeout#default': (scenario) => {
    expect(scenario.verdict).toBe('same')
    for (const outcome of [...outcomesOf(scenario).fork, ...outcomesOf(scenario).spawn]) {
      expect(outcome.status).toBe('timeout')
      expect(outcome.keptAlive).toEqual([
        expect.stringMatching(/^TCPServerWrap \(server listening on port \d+\)$/),
      ])
    }
  },
}

const idOf = (name: string) => {
  const [file, exportName] = name.split('#')
  return `scenarios/${file}.scenario.js#${exportName}`
}

describe.each([
  ['round robin (the default)', {}],
  ['shared handles (NODE_CLUSTER_SCHED_POLICY=none)', { NODE_CLUSTER_SCHED_POLICY: 'none' }],
])('open handles of a cluster worker, %s', (_, extraEnv: Record<string, string>) => {
  let report: Report

  beforeAll(async () => {
    const run = await runCli(fixturePath('handles'), ['--concurrency', '2'], { env: cleanEnv(extraEnv) })
    if (!run.report) throw new Error(`no report (exit code ${run.exitCode}): ${run.stderr}`)
    report = run.report
  })

  it('runs every scenario of the fixture', () => {
    const ids = report.scenarios.map((scenario) => scenario.id).sort()
    expect(ids).toEqual(Object.keys(checks).map(idOf).sort())
  })

  it.each(Object.entries(checks))('%s', (name, check) => {
    check(findScenario(report, idOf(name)))
  })
})
