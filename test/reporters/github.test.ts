import { describe, expect, it } from 'vitest'
import {
  createGithubReporter,
  escapeData,
  escapeProperty,
  formatGithubCommands,
} from '../../src/reporters/github.js'
import type { ScenarioResult } from '../../src/types.js'
import { makeDiffersResult, makeReport, makeResult, makeStream } from './sample.js'

interface Command {
  command: string
  properties: Record<string, string>
  message: string
}

// The Actions runner's own unescaping, applied to what the reporter printed.
function unescapeCommand(text: string, property = false): string {
  const decoded = text.replaceAll('%0D', '\r').replaceAll('%0A', '\n')
  return (property ? decoded.replaceAll('%3A', ':').replaceAll('%2C', ',') : decoded).replaceAll('%25', '%')
}

function parseCommands(text: string): Command[] {
  const lines = text.split('\n')
  expect(lines.pop()).toBe('')
  return lines.map((line) => {
    const match = line.match(/^::(\w+) ([^:]*)::(.*)$/)
    if (!match) throw new Error(`not a workflow command: ${line}`)
    const properties = Object.fromEntries(
      (match[2] ?? '').split(',').map((pair) => {
        const [name = '', value = ''] = pair.split('=')
        return [name, unescapeCommand(value, true)]
      }),
    )
    return { command: match[1] ?? '', properties, message: unescapeCommand(match[3] ?? '') }
  })
}

function annotate(scenarios: ScenarioResult[]): Command[] {
  return parseCommands(formatGithubCommands(makeReport(scenarios)))
}

describe('github reporter', () => {
  it('makes paths relative to the checkout when the project sits in a subfolder of it', () => {
    const result = makeDiffersResult({
      causes: [{ kind: 'env', name: 'A', confirmed: true, readAt: 'src/config.ts:4' }],
    })
    const commands = parseCommands(formatGithubCommands(makeReport([result]), '/'))
    expect(commands.map((command) => command.properties.file)).toEqual(['project/src/config.ts'])
    const outside = parseCommands(formatGithubCommands(makeReport([result]), '/elsewhere'))
    expect(outside.map((command) => command.properties.file)).toEqual(['src/config.ts'])
  })

  it('annotates each cause of a failing scenario at the line that read it', () => {
    const [first, ...rest] = annotate([
      makeDiffersResult({
        causes: [
          {
            kind: 'env',
            name: 'DATABASE_URL',
            confirmed: true,
            setAt: 'scenarios/env.scenario.ts:9',
            readAt: 'src/config.ts:4',
          },
          { kind: 'cwd', name: 'packages/a', confirmed: false, readAt: 'src/paths.ts:12:7' },
          { kind: 'ipc', confirmed: false },
        ],
      }),
    ])
    expect(rest).toHaveLength(1)
    expect(first?.command).toBe('error')
    expect(first?.properties).toEqual({
      file: 'src/config.ts',
      line: '4',
      title: 'forkcheck: config read from env',
    })
    expect(first?.message.split('\n').slice(0, 2)).toEqual([
      'scenarios/env.scenario.ts#default: differs: env DATABASE_URL (confirmed), cwd packages/a, ipc',
      'read here: env DATABASE_URL (confirmed), set at scenarios/env.scenario.ts:9',
    ])
    expect(first?.message).toMatch(/"postgres:\/\/localhost\/app" +│ null/)
    expect(rest[0]?.properties).toMatchObject({ file: 'src/paths.ts', line: '12' })
  })

  it('annotates a read inside a dependency at the project line that led to it, and never a dependency file', () => {
    const commands = annotate([
      makeDiffersResult({
        causes: [
          {
            kind: 'env',
            name: 'FORCE_COLOR',
            confirmed: true,
            setAt: 'node_modules/dotenv/lib/main.js:9',
            setVia: 'scenarios/colors.scenario.ts:4',
            readAt: 'node_modules/chalk/source/index.js:34',
            readVia: 'src/log.ts:2',
          },
          {
            kind: 'env',
            name: 'NO_COLOR',
            confirmed: true,
            readAt: 'node_modules/picocolors/picocolors.js:3',
          },
        ],
      }),
    ])
    expect(commands.map((command) => command.properties)).toEqual([
      { file: 'src/log.ts', line: '2', title: 'forkcheck: config read from env' },
    ])
    expect(commands[0]?.message.split('\n')[1]).toBe(
      'read here: env FORCE_COLOR (confirmed), in node_modules/chalk/source/index.js:34, ' +
        'set at node_modules/dotenv/lib/main.js:9 via scenarios/colors.scenario.ts:4',
    )
  })

  it('says a variable was set before the run when the parent did not set it', () => {
    const commands = annotate([
      makeDiffersResult({
        causes: [{ kind: 'env', name: 'CI', confirmed: true, setBeforeRun: true, readAt: 'src/ci.ts:3' }],
      }),
    ])
    expect(commands[0]?.message.split('\n')[1]).toBe('read here: env CI (confirmed), set before the run')
  })

  it('falls back to the scenario file when no cause says where it was read', () => {
    const commands = annotate([
      makeDiffersResult({ causes: [{ kind: 'env', name: 'HOME', confirmed: false }] }),
      makeResult({
        id: 'e',
        file: 'scenarios/bad.scenario.ts',
        verdict: 'error',
        pass: false,
        error: { message: 'no', phase: 'load' },
      }),
    ])
    expect(
      commands.map((command) => [command.command, command.properties.file, command.properties.line]),
    ).toEqual([
      ['error', 'scenarios/env.scenario.ts', '1'],
      ['error', 'scenarios/bad.scenario.ts', '1'],
    ])
    expect(commands[1]?.message).toContain('e: error: no')
  })

  it('warns about a flaky scenario and stays quiet about passing ones', () => {
    const flaky = makeResult({
      verdict: 'flaky',
      variations: [{ mode: 'fork', path: '[0].value', counts: [1, 1] }],
    })
    const commands = annotate([
      makeResult(),
      makeDiffersResult({ expected: 'differs', pass: true }),
      makeResult({ id: 's', skipped: true, pass: false }),
      flaky,
    ])
    expect(commands).toHaveLength(1)
    expect(commands[0]?.command).toBe('warning')
    expect(commands[0]?.message).toContain('varied within a mode: fork [0].value')
  })

  it('escapes messages and properties so each command stays on one line', () => {
    expect(escapeData('100%\r\nnext')).toBe('100%25%0D%0Anext')
    expect(escapeProperty('a:b,c%\n')).toBe('a%3Ab%2Cc%25%0A')
    const commands = annotate([
      makeDiffersResult({
        name: 'odd: name, with % and\nnewline',
        causes: [{ kind: 'env', name: 'X', confirmed: true, readAt: 'src/we,ird:dir/a.ts:3' }],
      }),
    ])
    expect(commands[0]?.properties).toEqual({
      file: 'src/we,ird:dir/a.ts',
      line: '3',
      title: 'forkcheck: odd: name, with % and\nnewline',
    })
  })

  it('writes the commands to the stream at the end of the run, and nothing when all pass', async () => {
    const stream = makeStream()
    const reporter = createGithubReporter({ root: '/project', stream })
    await reporter.onRunEnd?.(makeReport([makeResult()]))
    expect(stream.text()).toBe('')
    await reporter.onRunEnd?.(makeReport([makeDiffersResult()]))
    expect(parseCommands(stream.text())).toHaveLength(1)
  })
})
