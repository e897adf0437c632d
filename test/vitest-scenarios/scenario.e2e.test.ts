import { execa } from 'execa'
import { describe, expect, it } from 'vitest'
import { cleanEnv } from '../helpers/cli.js'
import { failureOf, runVitest, SECRET, statuses, vitestFixture } from './run-vitest.js'

// scenario(name, spec) is a vitest test: the real vitest CLI runs it, filters it and reports it.
describe('scenario() in a vitest test file', async () => {
  const run = await runVitest('inline', ['test/inline.test.ts'])

  it('reports each scenario as a test, with skip and todo', () => {
    expect(statuses(run), run.output).toEqual({
      'test/inline.test.ts › an ordinary test': 'passed',
      'test/inline.test.ts › passes': 'passed',
      'test/inline.test.ts › leaks the token': 'failed',
      'test/inline.test.ts › known leak': 'passed',
      'test/inline.test.ts › skipped': 'skipped',
      'test/inline.test.ts › later': 'todo',
      'test/inline.test.ts › group twice': 'passed, passed',
    })
    expect(run.exitCode).toBe(1)
  })

  it('fails with the causes and the side-by-side diff of the CLI', () => {
    const message = failureOf(run, 'test/inline.test.ts › leaks the token')
    expect(message).toContain(
      'test/inline.test.ts#@leaks the token › leaks the token: differs between fork-like and spawn-like (test/inline.test.ts:10)',
    )
    expect(message).toMatch(
      /env API_TOKEN {2}confirmed {2}set at test\/inline\.test\.ts:12 {2}read at test\/inline\.test\.ts:14/,
    )
    expect(message).toMatch(/fork-like +│ spawn-like/)
    expect(message).toMatch(/── \[0\]\.value\.hasToken ─+┼─+\n\s+true +│ false/)
  })

  it('gives a reproducer that loads the test file and runs the scenario in a clean spawn', async () => {
    const message = failureOf(run, 'test/inline.test.ts › leaks the token')
    const command = /reproduce: (.*)/.exec(message)?.[1] ?? ''
    expect(command).toContain('--loader ')
    const { stdout, exitCode } = await execa('sh', ['-c', command], {
      cwd: vitestFixture('inline'),
      env: cleanEnv(),
      reject: false,
    })
    expect(exitCode).toBe(0)
    expect(JSON.parse(stdout)).toEqual({ status: 'returned', value: { hasToken: true } })
  })

  it('never prints the value the parent set, nor a code frame that holds it', () => {
    expect(run.output).toContain('leaks the token')
    expect(run.output).not.toContain(SECRET)
    expect(run.rawReport).not.toContain(SECRET)
  })
})

describe('vitest filters apply to scenarios', () => {
  it('runs only the scenarios -t selects', async () => {
    const run = await runVitest('inline', ['test/inline.test.ts', '-t', '^(passes|known leak)$'])
    expect(run.exitCode).toBe(0)
    const ran = Object.entries(statuses(run)).filter(([, status]) => /passed|failed/.test(status))
    expect(ran).toEqual([
      ['test/inline.test.ts › passes', 'passed'],
      ['test/inline.test.ts › known leak', 'passed'],
    ])
  })

  it('honours .only and expands .each', async () => {
    const run = await runVitest('inline', ['test/only.test.ts', 'test/each.test.ts'])
    expect(statuses(run), run.output).toEqual({
      'test/only.test.ts › an ordinary test': 'skipped',
      'test/only.test.ts › not the only one': 'skipped',
      'test/only.test.ts › the only one': 'passed',
      'test/each.test.ts › reads alpha': 'passed',
      'test/each.test.ts › reads beta': 'passed',
    })
    expect(run.exitCode).toBe(0)
  })

  it('keeps the scenarios of a file that mocks modules at its top level (children import the real ones)', async () => {
    const run = await runVitest('inline', ['test/mocked.test.ts'])
    expect(statuses(run), run.output).toEqual({
      'test/mocked.test.ts › sees the mock': 'passed',
      'test/mocked.test.ts › runs the real module in both modes': 'passed',
    })
  })

  it('says why a file that leans on `globals: true` cannot load in the children', async () => {
    const run = await runVitest('inline', ['test/globals.test.ts', '--globals'])
    expect(statuses(run), run.output).toEqual({ 'test/globals.test.ts › with globals pure': 'failed' })
    expect(failureOf(run, 'test/globals.test.ts › with globals pure')).toContain(
      "ReferenceError: describe is not defined: vitest's `globals: true` does not reach forkcheck's child processes, which import this file with Node. Import it: import { describe } from 'vitest' (at test/globals.test.ts:4)",
    )
  })
})
