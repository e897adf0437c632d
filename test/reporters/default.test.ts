import { afterEach, describe, expect, it, vi } from 'vitest'
import { measureWidth } from '../../src/report/diff-text.js'
import { createDefaultReporter } from '../../src/reporters/default.js'
import type { ReporterOptions } from '../../src/reporters/types.js'
import type { Report, ScenarioResult } from '../../src/types.js'
import { makeDiffersResult, makeOutcome, makeReport, makeResult, makeStream } from './sample.js'

const ESC = '\x1b['

async function runReporter(
  results: ScenarioResult[],
  options: Partial<ReporterOptions> = {},
  report?: Report,
) {
  const stream = makeStream()
  const reporter = createDefaultReporter({ root: '/project', stream, color: false, isCI: true, ...options })
  await reporter.onRunStart?.({ root: '/project', scenarios: results })
  for (const result of results) {
    await reporter.onScenarioStart?.(result)
    await reporter.onScenarioEnd?.(result)
  }
  await reporter.onRunEnd?.(report ?? makeReport(results))
  return stream.text()
}

afterEach(() => {
  vi.unstubAllEnvs()
})

describe('default reporter', () => {
  it('prints one line for a passing scenario, with verdict, id, name and duration', async () => {
    const output = await runReporter([makeResult()])
    const lines = output.split('\n')
    expect(lines[0]).toBe('✓ same scenarios/x.scenario.ts#default › reads nothing inherited 12ms')
    expect(lines[1]).toBe('')
  })

  it('says what every child threw under a `same` verdict, and nothing when one returned', async () => {
    const error = {
      name: 'Error',
      message: "Cannot find module '../src/config.js'\nRequire stack: …",
      at: 'x.ts:3',
    }
    const threw = makeOutcome({ status: 'threw', value: undefined, error, exitCode: 1 })
    const allThrew = makeResult({ outcomes: { fork: [[threw]], spawn: [[threw]] } })
    const lines = (await runReporter([allThrew])).split('\n')
    expect(lines.slice(0, 2)).toEqual([
      '✓ same scenarios/x.scenario.ts#default › reads nothing inherited 12ms',
      "    both modes threw Error: Cannot find module '../src/config.js' (at x.ts:3)",
    ])
    const oneReturned = makeResult({
      outcomes: { fork: [[threw]], spawn: [[threw, makeOutcome({ worker: 1 })]] },
    })
    expect((await runReporter([oneReturned])).split('\n')[1]).toBe('')
  })

  it('explains a failing difference: causes, then the diffs side by side', async () => {
    const lines = (await runReporter([makeDiffersResult()])).split('\n')
    expect(lines[0]).toBe('✗ differs scenarios/env.scenario.ts#default › config read from env 340ms')
    expect(lines).toContain('    causes:')
    expect(lines).toContain(
      '      env DATABASE_URL  confirmed  set at scenarios/env.scenario.ts:9  read at src/config.ts:4',
    )
    expect(lines).toContain('      cwd  unconfirmed')
    const header = lines.findIndex((line) => line.startsWith('    fork-like'))
    expect(lines[header]).toMatch(/^ {4}fork-like +│ spawn-like$/)
    expect(lines[header + 1]).toMatch(/^ {4}── \[0\]\.value\.url ─+┼─+$/)
    expect(lines[header + 2]).toMatch(/^ {4}"postgres:\/\/localhost\/app" +│ null$/)
    expect(lines[header + 3]).toMatch(/^ {4}── \[0\]\.stdout ─+┼─+$/)
    // Multi-line output is shown line by line, aligned on the separator.
    expect(lines[header + 4]).toMatch(/^ {4}connecting +│ no database configured$/)
    expect(lines[header + 5]).toMatch(/^ {4}ready +│$/)
    const separator = lines[header]!.indexOf('│')
    expect(lines[header + 2]!.indexOf('│')).toBe(separator)
    expect(lines[header + 5]!.indexOf('│')).toBe(separator)
  })

  it('shows values JSON cannot hold as JavaScript would print them', async () => {
    const diffs = [
      { path: '[0].value.enabled', fork: true, spawn: { $type: 'undefined' } },
      { path: '[0].value.started', fork: { $type: 'bigint', value: '12' }, spawn: null },
    ]
    const lines = (await runReporter([makeDiffersResult({ diffs })])).split('\n')
    const header = lines.findIndex((line) => line.startsWith('    fork-like'))
    expect(lines[header + 2]).toMatch(/^ {4}true +│ undefined$/)
    expect(lines[header + 4]).toMatch(/^ {4}12n +│ null$/)
  })

  it('says how many differing fields it did not list', async () => {
    const lines = (await runReporter([makeDiffersResult({ unlistedDiffs: 1950 })])).split('\n')
    expect(lines).toContain('    … and 1950 more differing fields')
  })

  it('shows an expected difference as a pass, still with its explanation', async () => {
    const output = await runReporter([makeDiffersResult({ expected: 'differs', pass: true })])
    expect(output.split('\n')[0]).toMatch(/^✓ differs \(expected\) /)
    expect(output).toContain('env DATABASE_URL')
    expect(output).toContain('fork-like')
  })

  it('fits the side-by-side table to the terminal width, truncating long values', async () => {
    const long = 'x'.repeat(300)
    const result = makeDiffersResult({
      diffs: [
        { path: '[0].value', fork: { nested: { list: [1, 2, 3], text: long } }, spawn: long },
        { path: '[0].stdout', fork: `${long}\nshort 😀 emoji\n`, spawn: '' },
      ],
    })
    const output = await runReporter([result], { columns: 60 })
    const lines = output.split('\n').filter((line) => /[│─]/.test(line))
    expect(lines.length).toBeGreaterThan(8)
    for (const line of lines) expect(measureWidth(line)).toBeLessThanOrEqual(60)
    expect(lines.some((line) => line.includes('…'))).toBe(true)
    expect(lines.some((line) => line.includes('more characters'))).toBe(true)
    expect(lines.some((line) => line.includes('short 😀 emoji'))).toBe(true)
  })

  it('renders the first run side by side when there are no diffs', async () => {
    const result = makeResult({
      verdict: 'same',
      expected: 'differs',
      pass: false,
      outcomes: {
        fork: [[makeOutcome({ value: 3, stdout: 'hello\n' })]],
        spawn: [
          [
            makeOutcome({
              status: 'threw',
              error: { name: 'Error', message: 'boom', code: 'E_X' },
              exitCode: 1,
            }),
          ],
        ],
      },
    })
    const lines = (await runReporter([result])).split('\n')
    expect(lines[0]).toMatch(/^✗ same \(expected differs\) /)
    // The raw values may differ where the comparison saw none (a port, a pid): the table says so.
    expect(lines[1]).toBe(
      '    the outcomes compare equal once normalized (pids, ports, temp paths, times); as they ran:',
    )
    expect(lines.find((line) => line.includes('── status'))).toBeDefined()
    expect(lines.find((line) => line.match(/returned +│ threw/))).toBeDefined()
    expect(lines.find((line) => line.match(/^ {4}3 +│ \(none\)/))).toBeDefined()
    expect(lines.find((line) => line.match(/\(none\) +│ Error: boom \[E_X\]/))).toBeDefined()
    expect(lines.find((line) => line.match(/exit code 0 +│ exit code 1/))).toBeDefined()
    expect(lines.find((line) => line.match(/hello +│ \(none\)/))).toBeDefined()
  })

  it('prints one line for an error, without the stack', async () => {
    const result = makeResult({
      verdict: 'error',
      pass: false,
      outcomes: { fork: [], spawn: [] },
      error: {
        message: 'parent() threw: Error: no database\n    at parent (scenarios/x.scenario.ts:3:9)',
        phase: 'parent',
      },
    })
    const lines = (await runReporter([result])).split('\n')
    expect(lines[0]).toMatch(/^✗ error /)
    expect(lines[1]).toBe('    error (parent): parent() threw: Error: no database')
    expect(lines[2]).toBe('')
  })

  it('says which fields varied in a flaky scenario', async () => {
    const result = makeResult({
      verdict: 'flaky',
      variations: [
        { mode: 'fork', path: '[0].value.port', counts: [1, 1] },
        { mode: 'spawn', path: '[0].stdout[0]', counts: [2, 1] },
      ],
    })
    const lines = (await runReporter([result])).split('\n')
    expect(lines[0]).toMatch(/^⚠ flaky /)
    expect(lines[1]).toBe(
      '    varied within a mode: fork [0].value.port (2 values in 2 runs), spawn [0].stdout[0] (2 values in 3 runs)',
    )
  })

  it('ends with a summary of counts, duration and the exit code', async () => {
    const results = [
      makeResult(),
      makeDiffersResult(),
      makeResult({ id: 'b', verdict: 'flaky' }),
      makeResult({ id: 'c', skipped: true }),
    ]
    const output = await runReporter(results)
    expect(output).toContain('↓ skipped c')
    expect(output).toContain(
      ' Scenarios  1 failed | 2 passed | 1 skipped (4)\n  Verdicts  1 differs | 1 flaky | 1 same\n',
    )
    expect(output).toContain('  Duration  1.23s')
    expect(output).toContain(' FAIL  1 scenario did not pass (exit code 1)')
    const passing = await runReporter([makeResult()])
    expect(passing).toContain(' PASS  every scenario passed (exit code 0)')
  })

  it('keeps a progress line on an interactive terminal and clears it before results', async () => {
    const output = await runReporter([makeResult(), makeResult({ id: 'other', name: 'second' })], {
      isTTY: true,
      isCI: false,
    })
    expect(output).toContain('\r\x1b[K0/2 done')
    expect(output).toContain('running reads nothing inherited')
    expect(output).toContain('\r\x1b[K✓ same scenarios/x.scenario.ts#default')
    expect(output).toContain('\r\x1b[K1/2 done')
    expect(output.endsWith('(exit code 0)\n')).toBe(true)
  })

  it('draws no progress line in CI or without a TTY', async () => {
    for (const options of [
      { isTTY: true, isCI: true },
      { isTTY: false, isCI: false },
    ]) {
      const output = await runReporter([makeResult()], options)
      expect(output).not.toContain('\r')
      expect(output).not.toContain('done')
    }
  })

  it('colours when forced and honours NO_COLOR and FORCE_COLOR otherwise', async () => {
    expect(await runReporter([makeDiffersResult()], { color: true })).toContain(ESC)
    expect(await runReporter([makeDiffersResult()], { color: false, isTTY: true })).not.toContain(ESC)
    vi.stubEnv('NO_COLOR', '1')
    expect(await runReporter([makeDiffersResult()], { color: undefined, isTTY: true })).not.toContain(ESC)
    vi.unstubAllEnvs()
    vi.stubEnv('FORCE_COLOR', '1')
    expect(await runReporter([makeDiffersResult()], { color: undefined, isTTY: false })).toContain(ESC)
  })

  it('never lets output control characters reach the terminal', async () => {
    const result = makeDiffersResult({
      name: 'evil\x1b[2Jname',
      diffs: [{ path: '[0].stdout', fork: 'a\x1b[31mred\ttab\r\n', spawn: 'b\u0000' }],
    })
    const output = await runReporter([result])
    expect(output).not.toContain('\x1b')
    expect(output).not.toContain('\u0000')
    expect(output).toContain('evil\\u001b[2Jname')
    expect(output).toContain('a\\u001b[31mred\\ttab')
  })
})
