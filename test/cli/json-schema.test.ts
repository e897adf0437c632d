import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { repoRoot } from '../helpers/cli.js'
import { validateJsonSchema } from './json-schema.js'

const schema = JSON.parse(readFileSync(join(repoRoot, 'schema', 'report.schema.json'), 'utf8'))

const minimal = {
  version: 1,
  root: '/app',
  startedAt: '2025-01-01T00:00:00.000Z',
  durationMs: 5,
  scenarios: [
    {
      id: 's.scenario.js#default',
      file: 's.scenario.js',
      exportName: 'default',
      name: 's',
      verdict: 'differs',
      expected: 'same',
      pass: false,
      outcomes: { fork: [], spawn: [] },
      causes: [{ kind: 'env', name: 'X', confirmed: true, readAt: 'src/x.js:3' }],
      durationMs: 1,
    },
  ],
  summary: { total: 1, same: 0, differs: 1, flaky: 0, error: 0, skipped: 0, failed: 1 },
}

// The checker itself must catch what the e2e tests rely on it to catch.
describe('validateJsonSchema', () => {
  it('accepts a minimal valid report', () => {
    expect(validateJsonSchema(minimal, schema)).toEqual([])
  })

  it('names missing, unexpected and mistyped fields', () => {
    const broken = structuredClone(minimal) as Record<string, unknown> & typeof minimal
    broken.version = 2 as 1
    delete (broken as Partial<typeof minimal>).summary
    const scenario = broken.scenarios[0] as Record<string, unknown>
    scenario.extra = true
    scenario.verdict = 'maybe'
    scenario.causes = [{ kind: 'env', confirmed: 'yes', readAt: 'src/x.js' }]
    expect(validateJsonSchema(broken, schema).sort()).toEqual(
      [
        '$.version: expected 1',
        '$.scenarios[0].verdict: "maybe" not in enum',
        '$.scenarios[0].causes[0].confirmed: expected boolean, got string',
        '$.scenarios[0].causes[0].readAt: "src/x.js" does not match :[0-9]+$',
        '$.scenarios[0]: unexpected property extra',
        '$: missing summary',
      ].sort(),
    )
  })
})
