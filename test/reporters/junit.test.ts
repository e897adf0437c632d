import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { afterEach, describe, expect, it } from 'vitest'
import { createJunitReporter, escapeXml, formatJunit } from '../../src/reporters/junit.js'
import type { ScenarioResult } from '../../src/types.js'
import { makeDiffersResult, makeOutcome, makeReport, makeResult, makeStream } from './sample.js'

interface ParsedCase {
  '@_classname': string
  '@_name': string
  '@_time': string
  failure?: { '#text': string; '@_message': string; '@_type': string }
  error?: { '#text': string; '@_message': string; '@_type': string }
  skipped?: unknown
}

const NASTY = 'tag <b> & "double"\n\'single\' ]]>\nnul:\u0000 bell:\u0007\nemoji:😀 lone:\ud800 end\n'

function parseJunit(xml: string) {
  expect(XMLValidator.validate(xml)).toBe(true)
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', trimValues: false })
  const document = parser.parse(xml)
  const suite = document.testsuites.testsuite
  const cases: ParsedCase[] = Array.isArray(suite.testcase) ? suite.testcase : [suite.testcase]
  return { document, suite, cases }
}

function makeScenarios(): ScenarioResult[] {
  return [
    makeResult(),
    makeDiffersResult(),
    makeResult({
      id: 'e',
      name: 'broken',
      verdict: 'error',
      pass: false,
      error: { message: 'no file', phase: 'load' },
    }),
    makeResult({ id: 's', name: 'later', skipped: true }),
    makeResult({
      id: 'n',
      name: 'prints <nasty> & "things"\u0000',
      verdict: 'differs',
      pass: false,
      diffs: [{ path: '[0].stdout', fork: NASTY, spawn: '' }],
      outcomes: { fork: [[makeOutcome({ stdout: NASTY })]], spawn: [[makeOutcome()]] },
    }),
  ]
}

const temps: string[] = []
afterEach(async () => {
  await Promise.all(temps.splice(0).map((path) => rm(path, { recursive: true, force: true })))
})

describe('junit reporter', () => {
  it('writes one testsuite named forkcheck with one testcase per scenario', () => {
    const { document, suite, cases } = parseJunit(formatJunit(makeReport(makeScenarios())))
    expect(document.testsuites['@_name']).toBe('forkcheck')
    expect(suite['@_name']).toBe('forkcheck')
    expect(suite['@_tests']).toBe('5')
    expect(suite['@_failures']).toBe('2')
    expect(suite['@_errors']).toBe('1')
    expect(suite['@_skipped']).toBe('1')
    expect(suite['@_time']).toBe('1.234')
    expect(cases.map((testcase) => testcase['@_classname'])).toEqual([
      'scenarios/x.scenario.ts',
      'scenarios/env.scenario.ts',
      'scenarios/x.scenario.ts',
      'scenarios/x.scenario.ts',
      'scenarios/x.scenario.ts',
    ])
    expect(cases[0]).toEqual({
      '@_classname': 'scenarios/x.scenario.ts',
      '@_name': 'reads nothing inherited',
      '@_time': '0.012',
    })
  })

  it('names the verdict and causes in a failure, with the side-by-side diff as its body', () => {
    const { cases } = parseJunit(formatJunit(makeReport(makeScenarios())))
    const failure = cases[1]?.failure
    expect(failure?.['@_message']).toBe('differs: env DATABASE_URL (confirmed), cwd')
    expect(failure?.['@_type']).toBe('differs')
    expect(failure?.['#text']).toContain('read at src/config.ts:4')
    expect(failure?.['#text']).toMatch(/"postgres:\/\/localhost\/app" +│ null/)
  })

  it('reports an error verdict as <error> and a skipped scenario as <skipped/>', () => {
    const { cases } = parseJunit(formatJunit(makeReport(makeScenarios())))
    expect(cases[2]?.error?.['@_message']).toBe('error: no file')
    expect(cases[2]?.error?.['@_type']).toBe('load')
    expect(cases[2]?.failure).toBeUndefined()
    expect(cases[3]?.skipped).toBe('')
  })

  it('escapes markup and strips characters XML 1.0 forbids', () => {
    const xml = formatJunit(makeReport(makeScenarios()))
    expect(xml).not.toContain('\u0000')
    expect(xml).not.toContain('\u0007')
    expect(xml).not.toContain(']]>')
    const { cases } = parseJunit(xml)
    expect(cases[4]?.['@_name']).toBe('prints <nasty> & "things"')
    const body = cases[4]?.failure?.['#text'] ?? ''
    // The diff text shows control characters as visible escapes; markup survives the round trip.
    const lines = body.split('\n').map((line) => line.split('│')[0]?.trimEnd())
    expect(lines).toEqual(
      expect.arrayContaining([
        'tag <b> & "double"',
        "'single' ]]>",
        'nul:\\u0000 bell:\\u0007',
        'emoji:😀 lone:\\ud800 end',
      ]),
    )
  })

  it('strips forbidden characters from attributes and keeps their whitespace', () => {
    expect(escapeXml('a\u0000b\uffff\ud800c\n"<&>\'', true)).toBe('abc&#10;&quot;&lt;&amp;&gt;&apos;')
    expect(escapeXml('😀\u000b\u000c\u001f')).toBe('😀')
  })

  it('writes atomically to outputFile, relative to the root', async () => {
    const root = await mkdtemp(join(tmpdir(), 'forkcheck-junit-'))
    temps.push(root)
    const reporter = createJunitReporter({ root, outputFile: 'reports/junit.xml' })
    const report = makeReport(makeScenarios())
    await reporter.onRunEnd?.(report)
    expect(await readFile(join(root, 'reports/junit.xml'), 'utf8')).toBe(formatJunit(report))
    expect(await readdir(join(root, 'reports'))).toEqual(['junit.xml'])
  })

  it('writes to the stream without outputFile', async () => {
    const stream = makeStream()
    await createJunitReporter({ root: '/project', stream }).onRunEnd?.(makeReport([makeResult()]))
    const { cases } = parseJunit(stream.text())
    expect(cases).toHaveLength(1)
  })
})
