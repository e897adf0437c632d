import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { combineReporters, createReporters, defaultReporterNames } from '../../src/reporters/index.js'
import type { Reporter } from '../../src/types.js'
import { makeDiffersResult, makeReport, makeResult, makeStream } from './sample.js'

const temps: string[] = []
async function makeTempRoot(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'forkcheck-reporters-'))
  temps.push(root)
  return root
}
afterEach(async () => {
  vi.unstubAllEnvs()
  await Promise.all(temps.splice(0).map((path) => rm(path, { recursive: true, force: true })))
})

async function runAll(reporter: Reporter) {
  const results = [makeResult(), makeDiffersResult()]
  await reporter.onRunStart?.({ root: '/project', scenarios: results })
  for (const result of results) {
    await reporter.onScenarioStart?.(result)
    await reporter.onScenarioEnd?.(result)
  }
  await reporter.onRunEnd?.(makeReport(results))
}

describe('createReporters', () => {
  it('uses github too inside GitHub Actions', () => {
    expect(defaultReporterNames({})).toEqual(['default'])
    expect(defaultReporterNames({ GITHUB_ACTIONS: 'false' })).toEqual(['default'])
    expect(defaultReporterNames({ GITHUB_ACTIONS: 'true' })).toEqual(['default', 'github'])
  })

  it('rejects an unknown reporter name, listing the choices', async () => {
    await expect(createReporters([{ name: 'foo' }], { root: '/project' })).rejects.toThrow(
      'Unknown reporter `foo`: use default, json, junit, github, or a path to a module',
    )
  })

  it('says which custom reporter module could not be loaded', async () => {
    const root = await makeTempRoot()
    await expect(createReporters([{ name: './missing.mjs' }], { root })).rejects.toThrow(
      /Could not load the reporter `\.\/missing\.mjs`/,
    )
    await writeFile(join(root, 'bad.mjs'), 'export default 42\n')
    await expect(createReporters([{ name: './bad.mjs' }], { root })).rejects.toThrow(
      /must default-export a Reporter/,
    )
  })

  it('loads custom reporters by path from the root: an object or a factory', async () => {
    const root = await makeTempRoot()
    await writeFile(
      join(root, 'object.mjs'),
      'export const seen = []\nexport default { onScenarioEnd(result) { seen.push(result.id) } }\n',
    )
    await writeFile(
      join(root, 'factory.mjs'),
      [
        "import { writeFileSync } from 'node:fs'",
        'export default (options) => ({',
        "  onRunEnd(report) { writeFileSync(options.outputFile, options.root + '|' + report.summary.total) },",
        '})',
      ].join('\n'),
    )
    const output = join(root, 'custom.txt')
    const reporter = await createReporters(
      [{ name: 'object.mjs' }, { name: './factory.mjs', outputFile: output }],
      {
        root,
      },
    )
    await runAll(reporter)
    const loaded = await import(join(root, 'object.mjs'))
    expect(loaded.seen).toEqual(['scenarios/x.scenario.ts#default', 'scenarios/env.scenario.ts#default'])
    expect(await readFile(output, 'utf8')).toBe(`${root}|2`)
  })

  it('gives each built-in reporter its own outputFile', async () => {
    const root = await makeTempRoot()
    const stream = makeStream()
    const specs = [
      { name: 'default' },
      { name: 'json', outputFile: 'out/report.json' },
      { name: 'junit', outputFile: 'out/report.xml' },
    ]
    await runAll(await createReporters(specs, { root, stream, color: false, isCI: true }))
    expect(JSON.parse(await readFile(join(root, 'out/report.json'), 'utf8')).summary.total).toBe(2)
    expect(await readFile(join(root, 'out/report.xml'), 'utf8')).toContain('<testsuite name="forkcheck"')
    expect(stream.text()).toContain('✗ differs scenarios/env.scenario.ts#default')
  })

  it('calls each hook of each reporter in order, awaiting async hooks', async () => {
    const calls: string[] = []
    const slow: Reporter = {
      async onScenarioEnd(result) {
        await new Promise((done) => setTimeout(done, 20))
        calls.push(`slow ${result.id}`)
      },
      onRunEnd: () => void calls.push('slow end'),
    }
    const fast: Reporter = {
      onRunStart: () => void calls.push('fast start'),
      onScenarioEnd: (result) => void calls.push(`fast ${result.id}`),
    }
    const combined = combineReporters([slow, fast])
    expect(combined.onScenarioStart).toBeUndefined()
    await runAll(combined)
    expect(calls).toEqual([
      'fast start',
      'slow scenarios/x.scenario.ts#default',
      'fast scenarios/x.scenario.ts#default',
      'slow scenarios/env.scenario.ts#default',
      'fast scenarios/env.scenario.ts#default',
      'slow end',
    ])
  })

  it('prints nothing from process.env', async () => {
    const secrets = { DATABASE_URL: 'postgres://admin:hunter2-secret@db/app', API_TOKEN: 'tok_9f8e7d6c5b4a' }
    for (const [name, value] of Object.entries(secrets)) vi.stubEnv(name, value)
    vi.stubEnv('GITHUB_ACTIONS', 'true')
    const root = await makeTempRoot()
    const stream = makeStream({ isTTY: true, columns: 80 })
    const specs = [
      ...defaultReporterNames(process.env).map((name) => ({ name })),
      { name: 'json' },
      { name: 'junit' },
    ]
    await runAll(await createReporters(specs, { root, stream, isCI: false }))
    const output = stream.text()
    expect(output).toContain('DATABASE_URL')
    expect(output).toContain('::error file=src/config.ts')
    for (const value of Object.values(secrets)) expect(output).not.toContain(value)
  })
})
