import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Report } from '../../src/types.js'
import { validateJsonSchema } from '../cli/json-schema.js'
import { type CliRun, cleanEnv, fixturePath, repoRoot, runCli } from '../helpers/cli.js'

const root = fixturePath('ci-shard')
const FAILING = 'scenarios/c-reads-env.scenario.js#default'
const schema = JSON.parse(readFileSync(join(repoRoot, 'schema', 'report.schema.json'), 'utf8'))

let dir: string
let whole: CliRun
let shards: CliRun[]
let junit: string

function ids(report: Report | undefined): string[] {
  return (report?.scenarios ?? []).map((result) => result.id).sort()
}

function verdicts(report: Report | undefined): Record<string, string> {
  return Object.fromEntries(
    (report?.scenarios ?? []).map((r) => [r.id, `${r.verdict}/${r.pass}/${r.skipped ?? false}`]),
  )
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'forkcheck-shards-'))
  mkdirSync(join(dir, 'reports'))
  const junitFile = join(dir, 'forkcheck.xml')
  const shardArgs = (index: number) => [
    '--shard',
    `${index}/2`,
    '--reporter',
    'json',
    `--outputFile.json=${join(dir, 'reports', `shard-${index}.json`)}`,
  ]
  ;[whole, ...shards] = await Promise.all([
    runCli(root, ['--reporter', 'junit', `--outputFile.junit=${junitFile}`]),
    runCli(root, shardArgs(1), { json: false }),
    runCli(root, shardArgs(2), { json: false }),
  ])
  junit = readFileSync(junitFile, 'utf8')
})

afterAll(() => {
  rmSync(dir, { recursive: true, force: true })
})

describe('an unsharded run', () => {
  it('fails on the one difference', () => {
    expect(whole.exitCode).toBe(1)
    expect(whole.report?.summary).toMatchObject({ total: 6, same: 4, differs: 1, failed: 1, skipped: 1 })
  })

  it('writes JUnit XML that parses', () => {
    expect(XMLValidator.validate(junit)).toBe(true)
    const parsed = new XMLParser({ ignoreAttributes: false }).parse(junit)
    const suite = parsed.testsuites.testsuite
    expect(suite['@_tests']).toBe('6')
    expect(suite['@_failures']).toBe('1')
    expect(suite['@_skipped']).toBe('1')
    const failed = suite.testcase.filter((testcase: Record<string, unknown>) => 'failure' in testcase)
    expect(failed.map((testcase: Record<string, unknown>) => testcase['@_name'])).toEqual([
      'mode read from the parent env',
    ])
  })

  it('writes a JSON report that matches schema/report.schema.json', () => {
    const errors = validateJsonSchema(whole.report, schema)
    expect(errors).toEqual([])
  })
})

describe('--shard and --merge-reports', () => {
  it('splits the scenarios into disjoint, balanced shares', () => {
    const shardIds = shards.map((run, index) => {
      const report = JSON.parse(
        readFileSync(join(dir, 'reports', `shard-${index + 1}.json`), 'utf8'),
      ) as Report
      expect(run.exitCode).toBe(report.summary.failed > 0 ? 1 : 0)
      return report.scenarios.filter((result) => !result.skipped).map((result) => result.id)
    })
    expect(shardIds.map((share) => share.length).sort()).toEqual([2, 3])
    const ran = (whole.report?.scenarios ?? []).filter((result) => !result.skipped).map((result) => result.id)
    expect(shardIds.flat().sort()).toEqual(ran.sort())
  })

  it('merges the shards into the unsharded run', async () => {
    const merged = await runCli(root, ['--merge-reports', join(dir, 'reports')])
    expect(merged.stderr).toBe('')
    expect(merged.exitCode).toBe(whole.exitCode)
    expect(ids(merged.report)).toEqual(ids(whole.report))
    expect(verdicts(merged.report)).toEqual(verdicts(whole.report))
    expect(merged.report?.summary).toEqual(whole.report?.summary)
    expect(merged.stdout).toContain(`✗ differs ${FAILING}`)
    expect(validateJsonSchema(merged.report, schema)).toEqual([])
  })

  it('refuses a folder holding something that is not a report', async () => {
    const bad = join(dir, 'bad')
    mkdirSync(bad)
    const run = await runCli(root, ['--merge-reports', bad], { json: false })
    expect(run.exitCode).toBe(2)
    expect(run.stderr).toBe(`forkcheck: No JSON reports (*.json) in \`${bad}\`.`)
  })
})

describe('GitHub Actions', () => {
  it('annotates the line that read the inherited variable, with no --reporter needed', async () => {
    const run = await runCli(root, ['scenarios/c-reads-env.scenario.js'], {
      json: false,
      env: cleanEnv({ GITHUB_ACTIONS: 'true' }),
    })
    expect(run.exitCode).toBe(1)
    const annotations = run.stdout.split('\n').filter((line) => line.startsWith('::'))
    expect(annotations).toHaveLength(1)
    expect(annotations[0]).toMatch(
      /^::error file=src\/read-mode\.js,line=3,title=forkcheck%3A mode read from the parent env::/,
    )
    expect(annotations[0]).toContain(`${FAILING}: differs: env SHARD_FIXTURE_MODE`)
    // The default reporter still runs beside it.
    expect(run.stdout).toContain(`✗ differs ${FAILING}`)
  })

  it('stays off outside GitHub Actions', () => {
    expect(whole.stdout).not.toMatch(/^::/m)
  })
})

describe('reproducer commands', () => {
  it('--show-env-values reaches the reproducer command', async () => {
    const run = await runCli(root, ['scenarios/c-reads-env.scenario.js', '--show-env-values'])
    expect(run.report?.scenarios[0]?.reproduce).toContain('SHARD_FIXTURE_MODE=on ')
    expect(whole.report?.scenarios.find((result) => result.id === FAILING)?.reproduce).toContain(
      "SHARD_FIXTURE_MODE='<redacted>'",
    )
  })
})
