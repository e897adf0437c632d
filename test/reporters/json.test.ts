import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { writeFileAtomic } from '../../src/report/atomic-write.js'
import { createJsonReporter } from '../../src/reporters/json.js'
import type { Report } from '../../src/types.js'
import { makeDiffersResult, makeOutcome, makeReport, makeResult, makeStream } from './sample.js'

type Schema = Record<string, unknown>

// Enough of JSON Schema 2020-12 for this schema; the project has no validator dependency.
function validate(value: unknown, schema: Schema, root: Schema, path = '$'): string[] {
  if (typeof schema.$ref === 'string') {
    const name = schema.$ref.replace('#/$defs/', '')
    return validate(value, (root.$defs as Record<string, Schema>)[name] ?? {}, root, path)
  }
  const errors: string[] = []
  const types = [schema.type ?? []].flat() as string[]
  if (types.length > 0 && !types.some((type) => hasType(value, type))) errors.push(`${path}: not ${types}`)
  if ('const' in schema && value !== schema.const) errors.push(`${path}: not ${schema.const}`)
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) errors.push(`${path}: not in enum`)
  if (typeof schema.minimum === 'number' && typeof value === 'number' && value < schema.minimum) {
    errors.push(`${path}: below minimum`)
  }
  if (
    typeof schema.pattern === 'string' &&
    typeof value === 'string' &&
    !new RegExp(schema.pattern).test(value)
  ) {
    errors.push(`${path}: does not match ${schema.pattern}`)
  }
  if (Array.isArray(value) && schema.items) {
    for (const [index, item] of value.entries()) {
      errors.push(...validate(item, schema.items as Schema, root, `${path}[${index}]`))
    }
  }
  if (hasType(value, 'object')) {
    const record = value as Record<string, unknown>
    const properties = (schema.properties ?? {}) as Record<string, Schema>
    for (const key of (schema.required ?? []) as string[])
      if (!(key in record)) errors.push(`${path}.${key}: missing`)
    for (const [key, item] of Object.entries(record)) {
      const property = properties[key]
      if (property) errors.push(...validate(item, property, root, `${path}.${key}`))
      else if (schema.additionalProperties === false) errors.push(`${path}.${key}: not allowed`)
    }
  }
  return errors
}

function hasType(value: unknown, type: string): boolean {
  if (type === 'integer') return Number.isInteger(value)
  if (type === 'null') return value === null
  if (type === 'array') return Array.isArray(value)
  if (type === 'object') return typeof value === 'object' && value !== null && !Array.isArray(value)
  return typeof value === type
}

function makeFullReport(): Report {
  const outcome = makeOutcome({
    error: { name: 'Error', message: 'x', code: 'E', at: 'src/a.ts:3', stack: 'Error: x' },
    truncated: { stdout: 0, stderr: 12 },
    exitHooks: { exit: true, beforeExit: false },
    durationMs: 3.5,
  })
  const scenarios = [
    makeResult({
      outcomes: { fork: [[outcome]], spawn: [[outcome]] },
      harmlessReads: [{ kind: 'env', name: 'CI' }],
    }),
    makeDiffersResult(),
    makeResult({ id: 'e', verdict: 'error', pass: false, error: { message: 'bad', phase: 'load' } }),
  ]
  return makeReport(scenarios, { interrupted: false })
}

const temps: string[] = []
async function makeTempRoot(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'forkcheck-json-'))
  temps.push(root)
  return root
}
afterEach(async () => {
  await Promise.all(temps.splice(0).map((path) => rm(path, { recursive: true, force: true })))
})

describe('json reporter', () => {
  it('writes the report as pretty JSON to the stream', async () => {
    const stream = makeStream()
    const report = makeFullReport()
    await createJsonReporter({ root: '/project', stream }).onRunEnd?.(report)
    expect(JSON.parse(stream.text())).toEqual(report)
    expect(stream.text()).toMatch(/^\{\n {2}"version": 1,\n/)
  })

  it('writes atomically to outputFile, creating its folder, leaving no temp file', async () => {
    const root = await makeTempRoot()
    const report = makeFullReport()
    await createJsonReporter({ root, outputFile: 'out/deep/report.json' }).onRunEnd?.(report)
    expect(JSON.parse(await readFile(join(root, 'out/deep/report.json'), 'utf8'))).toEqual(report)
    expect(await readdir(join(root, 'out/deep'))).toEqual(['report.json'])
  })

  it('produces reports that the JSON schema accepts, and the schema rejects a wrong one', async () => {
    const schema = JSON.parse(
      await readFile(new URL('../../schema/report.schema.json', import.meta.url), 'utf8'),
    )
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema')
    const report = JSON.parse(JSON.stringify(makeFullReport()))
    expect(validate(report, schema, schema)).toEqual([])
    report.scenarios[1].verdict = 'weird'
    report.scenarios[1].causes[0].readAt = 'src/config.ts'
    delete report.summary.failed
    report.extra = true
    expect(validate(report, schema, schema)).toEqual([
      '$.scenarios[1].verdict: not in enum',
      '$.scenarios[1].causes[0].readAt: does not match :[0-9]+$',
      '$.summary.failed: missing',
      '$.extra: not allowed',
    ])
  })
})

describe('writeFileAtomic', () => {
  it('replaces an existing file in one step', async () => {
    const root = await makeTempRoot()
    const path = join(root, 'a.txt')
    await writeFileAtomic(path, 'one')
    await writeFileAtomic(path, 'two')
    expect(await readFile(path, 'utf8')).toBe('two')
    expect(await readdir(root)).toEqual(['a.txt'])
  })

  it('removes its temp file when the rename fails', async () => {
    const root = await makeTempRoot()
    // A non-empty folder at the target makes rename fail after the temp file was written.
    await mkdir(join(root, 'taken', 'inside'), { recursive: true })
    await expect(writeFileAtomic(join(root, 'taken'), 'data')).rejects.toThrow()
    expect(await readdir(root)).toEqual(['taken'])
  })
})
