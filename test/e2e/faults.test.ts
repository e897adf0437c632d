import { rmSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ChildOutcome, Report, ScenarioResult } from '../../src/types.js'
import { cleanEnv, findScenario, fixturePath, runCli } from '../helpers/cli.js'
import { findSurvivors, makePidDir } from '../helpers/pids.js'

// One CLI run over test/fixtures/faults/scenarios, two scenarios at once: every fault gets its
// own clear result, and the good scenarios of the same run still pass.
const MIB = 1024 * 1024
const BLOCKED = 'event loop blocked: no answer within 200 ms'

type Check = (scenario: ScenarioResult) => void

/** Both modes ran and every outcome of each matches `expected`. */
function everyOutcome(expected: (outcome: ChildOutcome) => void): Check {
  return (scenario) => {
    const outcomes = [...scenario.outcomes.fork.flat(), ...scenario.outcomes.spawn.flat()]
    expect(scenario.outcomes.fork.length).toBeGreaterThan(0)
    expect(scenario.outcomes.spawn.length).toBeGreaterThan(0)
    for (const outcome of outcomes) expected(outcome)
  }
}

/** The scenario could not run, for this reason. */
function errorVerdict(phase: string, message: string | RegExp): Check {
  return (scenario) => {
    expect(scenario.verdict).toBe('error')
    expect(scenario.pass).toBe(false)
    expect(scenario.error?.phase).toBe(phase)
    if (typeof message === 'string') expect(scenario.error?.message).toBe(message)
    else expect(scenario.error?.message).toMatch(message)
  }
}

function same(check: Check): Check {
  return (scenario) => {
    expect(scenario.verdict).toBe('same')
    check(scenario)
  }
}

const faults: Record<string, Check> = {
  // Timeouts: SIGTERM (then SIGKILL), with what kept the child alive.
  'timeout/timer': same(
    everyOutcome((outcome) => {
      expect(outcome).toMatchObject({ status: 'timeout', timedOut: true, signal: 'SIGTERM', exitCode: null })
      expect(outcome.keptAlive).toEqual([
        'Timeout (setInterval 1000 ms, callback keepsPolling at scenarios/timeout/timer.scenario.js:8)',
      ])
      expect(outcome.crash).toBeUndefined()
    }),
  ),
  'timeout/busy-loop': same(
    everyOutcome((outcome) => {
      expect(outcome).toMatchObject({ status: 'timeout', signal: 'SIGTERM' })
      expect(outcome.keptAlive).toEqual([BLOCKED])
    }),
  ),
  'timeout/ignores-sigterm': same(
    everyOutcome((outcome) => {
      expect(outcome).toMatchObject({ status: 'timeout', signal: 'SIGKILL' })
      expect(outcome.keptAlive).toEqual([
        'Timeout (setInterval 1000 ms, callback at scenarios/timeout/ignores-sigterm.scenario.js:9)',
      ])
    }),
  ),
  'timeout/grandchild': same(
    everyOutcome((outcome) => {
      expect(outcome).toMatchObject({ status: 'timeout', signal: 'SIGTERM' })
      expect(outcome.keptAlive).toEqual([
        // The command line is cut to a width, so a long Node path may end it early.
        expect.stringMatching(/^ProcessWrap \(child process \d+: .*node -e setInterval\(/),
      ])
    }),
  ),
  'timeout/load-hangs': same(
    everyOutcome((outcome) => {
      expect(outcome).toMatchObject({ status: 'timeout', signal: 'SIGTERM' })
      expect(outcome.keptAlive).toEqual([
        'still loading the scenario file',
        'Timeout (setInterval 1000 ms, callback waitsForever at scenarios/timeout/load-hangs.scenario.js:5)',
      ])
    }),
  ),
  'timeout/parent-hangs': errorVerdict('parent', 'parent() did not finish within 1500 ms'),
  'timeout/pending-promise': (scenario) => {
    // Only the cluster worker's IPC channel keeps a child with nothing pending alive.
    expect(scenario).toMatchObject({ verdict: 'differs', pass: true })
    for (const outcome of scenario.outcomes.fork.flat()) {
      expect(outcome).toMatchObject({ status: 'timeout', keptAlive: ['IPC channel (process.channel)'] })
    }
    for (const outcome of scenario.outcomes.spawn.flat()) {
      expect(outcome).toMatchObject({
        status: 'exited',
        exitCode: 0,
        crash: { kind: 'exit', afterOutcome: false },
      })
    }
  },
  // Crashes, each classified.
  'crash/exit-code': same(
    everyOutcome((outcome) => {
      expect(outcome).toMatchObject({ status: 'exited', exitCode: 3, signal: null })
      expect(outcome.crash).toEqual({
        kind: 'exit',
        afterOutcome: false,
        message: 'Exited with code 3 before child() settled (process.exit(3)?)',
      })
    }),
  ),
  'crash/exits-when-forked': (scenario) => {
    expect(scenario).toMatchObject({ verdict: 'differs', pass: true })
    for (const outcome of scenario.outcomes.fork.flat()) {
      expect(outcome).toMatchObject({ status: 'exited', exitCode: 4 })
    }
    expect(scenario.causes).toEqual([
      { kind: 'ipc', confirmed: true, readAt: 'scenarios/crash/exits-when-forked.scenario.js:5' },
    ])
  },
  'crash/bad-flag': same(
    everyOutcome((outcome) => {
      expect(outcome).toMatchObject({ status: 'exited', exitCode: 9, signal: null })
      expect(outcome.crash?.message).toMatch(/^Exited with code 9 at start: Node rejected an option/)
      expect(outcome.stderr).toContain('--no-such-flag-forkcheck')
    }),
  ),
  'crash/forks-itself': (scenario) => {
    expect(scenario).toMatchObject({ verdict: 'differs', pass: true })
    for (const outcome of scenario.outcomes.fork.flat()) expect(outcome.value).toBe('worker')
    for (const outcome of scenario.outcomes.spawn.flat()) {
      // The forked bootstrap says why it has nothing to run, on the stderr it shares, and exits 1.
      expect(outcome.value).toEqual({ workerExitCode: 1 })
      expect(outcome.stderr).toContain('forkcheck: code under test forked process.argv[1]')
    }
  },
  'crash/segv': same(
    everyOutcome((outcome) => {
      expect(outcome).toMatchObject({ status: 'exited', exitCode: null, signal: 'SIGSEGV' })
      expect(outcome.crash).toMatchObject({ kind: 'signal', afterOutcome: false })
    }),
  ),
  'crash/abort': same(
    everyOutcome((outcome) => {
      expect(outcome).toMatchObject({ status: 'exited', signal: 'SIGABRT' })
      expect(outcome.crash?.message).toMatch(/^Killed by SIGABRT \(process\.abort\(\)/)
    }),
  ),
  'crash/oom': same(
    everyOutcome((outcome) => {
      expect(outcome).toMatchObject({ status: 'exited', signal: 'SIGABRT' })
      expect(outcome.crash).toMatchObject({ kind: 'out-of-memory', afterOutcome: false })
      expect(outcome.crash?.message).toMatch(/FATAL ERROR: .*heap out of memory/)
      // V8's report (heap figures that change every run) is not compared output.
      expect(outcome.stderr).not.toContain('Last few GCs')
    }),
  ),
  'crash/throw-after-return': same(
    everyOutcome((outcome) => {
      expect(outcome).toMatchObject({ status: 'returned', value: 'returned first', exitCode: 1 })
      expect(outcome.crash).toMatchObject({
        kind: 'uncaught-exception',
        afterOutcome: true,
        error: {
          name: 'Error',
          message: 'thrown after the outcome',
          at: 'scenarios/crash/throw-after-return.scenario.js:8',
        },
      })
      expect(outcome.stderr).toContain('thrown after the outcome')
    }),
  ),
  'crash/reject-after-return': same(
    everyOutcome((outcome) => {
      expect(outcome).toMatchObject({ status: 'returned', value: 'returned first', exitCode: 1 })
      expect(outcome.crash).toMatchObject({
        kind: 'unhandled-rejection',
        afterOutcome: true,
        error: { name: 'TypeError', message: 'rejected after the outcome' },
      })
    }),
  ),
  'crash/uncaught-during': same(
    everyOutcome((outcome) => {
      expect(outcome).toMatchObject({ status: 'exited', exitCode: 1 })
      expect(outcome.crash).toMatchObject({
        kind: 'uncaught-exception',
        afterOutcome: false,
        error: { message: 'thrown from a timer' },
      })
    }),
  ),
  'crash/parent-throws': errorVerdict(
    'parent',
    'parent() failed: Error: parent set-up failed (at scenarios/crash/parent-throws.scenario.js:6)',
  ),
  'crash/parent-exits': errorVerdict(
    'parent',
    'The parent process ended before parent() finished (exit code 4)',
  ),
  'crash/kills-parent': errorVerdict(
    'run',
    'The parent process stopped answering while running children (it exited: killed by SIGKILL)',
  ),
  // The error itself, not the last lines of its stack.
  'crash/parent-crashes-during': errorVerdict(
    'run',
    'The parent process stopped answering while running children (it exited: exit code 1): RangeError: the primary crashed',
  ),
  // Output floods: capped, the rest counted.
  'flood/stdout': same(
    everyOutcome((outcome) => {
      expect(outcome).toMatchObject({ status: 'returned', value: 'flooded' })
      expect(outcome.stdout).toHaveLength(MIB)
      expect(outcome.stderr).toHaveLength(MIB)
      expect(outcome.truncated).toEqual({ stdout: 49 * MIB, stderr: 4 * MIB })
    }),
  ),
  // Bad scenarios: one clear error each.
  'bad/bad-syntax': errorVerdict('load', /^Could not import the scenario file: SyntaxError: /),
  'bad/import-throws': errorVerdict(
    'load',
    'Could not import the scenario file: Error: the scenario module throws while loading (at scenarios/bad/import-throws.scenario.js:3)',
  ),
  'bad/no-export': errorVerdict('load', /^No scenario export: /),
  'bad/wrong-export': errorVerdict('options', /^Expected a scenario object .*got `42` \(number\)\.$/),
  'bad/child-not-function': errorVerdict(
    'options',
    'Expected the `child` option to be a function, got `"not a function"` (string).',
  ),
  'bad/workers-zero': errorVerdict(
    'options',
    'Expected the `workers` option to be an integer from 1 to 64, got `0` (number).',
  ),
  'bad/timeout-negative': errorVerdict(
    'options',
    'Expected the `timeout` option to be an integer from 1 to 3600000, got `-1` (number).',
  ),
  'bad/unknown-key': errorVerdict('options', /^Unknown option `tiemout`: expected one of /),
  'bad/uncloneable': errorVerdict(
    'run',
    /^child\(\) returned a value that cannot be structured-cloned: `value\.client\.query` is a function\. Return plain data/,
  ),
  'bad/parent-uncloneable': errorVerdict(
    'parent',
    /^parent\(\) returned a value that cannot be structured-cloned: `value\.ready` is a Promise \(await it\) \(/,
  ),
  'bad/throwing-getter': errorVerdict(
    'run',
    'child() returned a value that cannot be structured-cloned: reading `value.connection` threw Error: not connected yet. ' +
      'Return plain data: copy the fields to compare, e.g. `{ ...value }` for a class instance.',
  ),
  'bad/parent-url': errorVerdict(
    'parent',
    /^parent\(\) returned a value that structured clone cannot copy: `value\.endpoint` is a URL, which keeps its state private\. Return its plain form/,
  ),
  'good/returns-url': same(
    everyOutcome((outcome) => {
      expect(outcome.value).toEqual({
        endpoint: { $type: 'instance', class: 'URL', json: 'http://localhost:3000/v1' },
        headers: { $type: 'instance', class: 'Headers', entries: [['accept', 'application/json']] },
      })
    }),
  ),
  'good/returns-proxy': same(
    everyOutcome((outcome) => {
      expect(outcome.value).toEqual({
        input: { db: { host: 'db.local', pool: [1, 2] } },
        config: { db: { host: 'db.local', replicas: ['a', 'b'] } },
        env: { FAULTS_PROXY: 'shown' },
      })
    }),
  ),
  'bad/replaces-json': same(
    everyOutcome((outcome) => {
      expect(outcome).toMatchObject({ status: 'returned', exitCode: 0, value: { limit: 3, list: [1, 2] } })
    }),
  ),
  'bad/fake-timers': same(
    everyOutcome((outcome) => {
      expect(outcome).toMatchObject({ status: 'returned', exitCode: 0, value: 'done', openHandles: [] })
      expect(outcome.timedOut).toBe(false)
    }),
  ),
  'bad/leaves-grandchild': same(
    everyOutcome((outcome) => expect(outcome).toMatchObject({ status: 'returned', exitCode: 0 })),
  ),
  'bad/writes-fd3': same(
    everyOutcome((outcome) => {
      expect(outcome).toMatchObject({ status: 'exited', exitCode: 1 })
      expect(outcome.crash?.message).toMatch(/user code wrote to fd 3/)
    }),
  ),
}

const good = ['good/plain', 'good/with-parent', 'good/with-rich-input', 'good/throws']
const idOf = (name: string) => `scenarios/${name}.scenario.js#default`

describe(`fault injection (${Object.keys(faults).length} faults)`, () => {
  const pidDir = makePidDir()
  let report: Report
  let exitCode: number

  beforeAll(async () => {
    const run = await runCli(fixturePath('faults'), ['scenarios', '--concurrency', '2'], {
      env: cleanEnv({ FAULTS_PID_DIR: pidDir }),
    })
    if (!run.report) throw new Error(`no report (exit code ${run.exitCode}): ${run.stderr}`)
    report = run.report
    exitCode = run.exitCode
  })

  afterAll(() => rmSync(pidDir, { recursive: true, force: true }))

  it('tries every fault next to the good scenarios, and fails the run (exit code 1)', () => {
    const ids = report.scenarios.map((scenario) => scenario.id).sort()
    expect(ids).toEqual([...Object.keys(faults), ...good].map(idOf).sort())
    expect(report.interrupted).toBeUndefined()
    expect(exitCode).toBe(1)
  })

  it.each(Object.entries(faults))('%s', (name, check) => {
    check(findScenario(report, idOf(name)))
  })

  it('still passes the good scenarios of the same run', () => {
    for (const name of good)
      expect(findScenario(report, idOf(name))).toMatchObject({ verdict: 'same', pass: true })
  })

  it('hands both children a parent() input JSON cannot carry, as structured clone copies it', () => {
    const scenario = findScenario(report, idOf('good/with-rich-input'))
    const expected = { isMap: true, time: 0, hasGone: true, negativeZero: true, sameObject: true }
    for (const mode of ['fork', 'spawn'] as const)
      expect(scenario.outcomes[mode].flat().map((outcome) => outcome.value)).toEqual([expected])
  })

  it('leaves no process behind: children, grandchildren, parents', async () => {
    expect(await findSurvivors(pidDir)).toEqual([])
  })
})
