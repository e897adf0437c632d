import { Writable } from 'node:stream'
import type { ChildOutcome, Report, ScenarioResult } from '../../src/types.js'

/** A child outcome that returned `value`, with everything else quiet. */
export function makeOutcome(overrides: Partial<ChildOutcome> = {}): ChildOutcome {
  return {
    worker: 0,
    status: 'returned',
    value: null,
    exitCode: 0,
    signal: null,
    timedOut: false,
    stdout: '',
    stderr: '',
    openHandles: [],
    ...overrides,
  }
}

/** A passing `same` scenario unless overridden. */
export function makeResult(overrides: Partial<ScenarioResult> = {}): ScenarioResult {
  const exportName = overrides.exportName ?? 'default'
  const file = overrides.file ?? 'scenarios/x.scenario.ts'
  return {
    id: `${file}#${exportName}`,
    file,
    exportName,
    name: 'reads nothing inherited',
    verdict: 'same',
    expected: 'same',
    pass: true,
    outcomes: { fork: [[makeOutcome()]], spawn: [[makeOutcome()]] },
    causes: [],
    durationMs: 12,
    ...overrides,
  }
}

/** A failing `differs` scenario: DATABASE_URL set by the parent, read by src/config.ts. */
export function makeDiffersResult(overrides: Partial<ScenarioResult> = {}): ScenarioResult {
  return makeResult({
    file: 'scenarios/env.scenario.ts',
    id: 'scenarios/env.scenario.ts#default',
    name: 'config read from env',
    verdict: 'differs',
    pass: false,
    outcomes: {
      fork: [[makeOutcome({ value: { url: 'postgres://localhost/app' }, stdout: 'connecting\nready\n' })]],
      spawn: [[makeOutcome({ value: { url: null }, stdout: 'no database configured\n' })]],
    },
    causes: [
      {
        kind: 'env',
        name: 'DATABASE_URL',
        confirmed: true,
        setAt: 'scenarios/env.scenario.ts:9',
        readAt: 'src/config.ts:4',
      },
      { kind: 'cwd', confirmed: false },
    ],
    diffs: [
      { path: '[0].value.url', fork: 'postgres://localhost/app', spawn: null },
      { path: '[0].stdout', fork: 'connecting\nready\n', spawn: 'no database configured\n' },
    ],
    durationMs: 340,
    ...overrides,
  })
}

/** A report over `scenarios` with a summary counted from them. */
export function makeReport(scenarios: ScenarioResult[], overrides: Partial<Report> = {}): Report {
  const count = (verdict: ScenarioResult['verdict']) =>
    scenarios.filter((result) => !result.skipped && result.verdict === verdict).length
  return {
    version: 1,
    root: '/project',
    startedAt: '2025-01-02T03:04:05.000Z',
    durationMs: 1234,
    scenarios,
    summary: {
      total: scenarios.length,
      same: count('same'),
      differs: count('differs'),
      flaky: count('flaky'),
      error: count('error'),
      failed: scenarios.filter((result) => !result.skipped && !result.pass).length,
      skipped: scenarios.filter((result) => result.skipped).length,
    },
    ...overrides,
  }
}

/** A stream that keeps what is written to it, with an optional TTY face. */
export function makeStream(
  tty: { isTTY?: boolean; columns?: number } = {},
): Writable & { text: () => string } {
  const chunks: string[] = []
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      chunks.push(String(chunk))
      done()
    },
  })
  return Object.assign(stream, tty, { text: () => chunks.join('') })
}
