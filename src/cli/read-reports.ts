import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { displayPath } from '../config/describe.js'
import { UsageError } from '../errors.js'
import type { Report } from '../types.js'
import type { ReportInput } from './merge-reports.js'

const VERDICTS = new Set(['same', 'differs', 'flaky', 'error', 'skipped'])
const EXPECTATIONS = new Set(['same', 'differs'])

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Why a scenario entry is not one of a report, or undefined when it is. */
function findScenarioProblem(value: unknown): string | undefined {
  if (!isObject(value)) return 'is not an object'
  if (typeof value.id !== 'string') return 'has no `id`'
  if (typeof value.file !== 'string') return 'has no `file`'
  if (!VERDICTS.has(value.verdict as string)) return 'has no valid `verdict`'
  if (!EXPECTATIONS.has(value.expected as string)) return 'has no valid `expected`'
  if (typeof value.pass !== 'boolean') return 'has no `pass`'
  if (!Array.isArray(value.causes)) return 'has no `causes`'
  if (!isObject(value.outcomes)) return 'has no `outcomes`'
  return undefined
}

/** Checks that parsed JSON is a version 1 report (schema/report.schema.json); `where` names the file. */
export function validateReport(value: unknown, where: string): Report {
  if (!isObject(value) || value.version === undefined) {
    throw new UsageError(`${where} is not a forkcheck report (no \`version\`): merge only JSON reports.`)
  }
  if (value.version !== 1) {
    throw new UsageError(
      `${where} is a report of version ${String(value.version)}; this forkcheck reads version 1.`,
    )
  }
  if (
    !Array.isArray(value.scenarios) ||
    typeof value.startedAt !== 'string' ||
    typeof value.durationMs !== 'number'
  ) {
    throw new UsageError(
      `${where} is not a forkcheck report (no \`scenarios\`, \`startedAt\` or \`durationMs\`).`,
    )
  }
  value.scenarios.forEach((scenario, index) => {
    const problem = findScenarioProblem(scenario)
    if (problem)
      throw new UsageError(`${where} is not a forkcheck report: \`scenarios[${index}]\` ${problem}.`)
  })
  const report = value as unknown as Report
  // Older reports listed a skipped scenario as `same` with `skipped: true`.
  for (const scenario of report.scenarios) {
    if (!scenario.skipped && scenario.verdict !== 'skipped') continue
    scenario.verdict = 'skipped'
    scenario.skipped = true
  }
  return report
}

// Numeric order, so shard-10.json comes after shard-9.json; a fixed locale, so every machine agrees.
// Made on first use: loading ICU's collation data costs every run of the CLI about 20 ms otherwise.
let byName: ((a: string, b: string) => number) | undefined

/** Reads every `*.json` file in `dir` (not below it) as a report, in name order. */
export async function readReports(dir: string, cwd: string): Promise<ReportInput[]> {
  let names: string[]
  byName ??= new Intl.Collator('en', { numeric: true }).compare
  try {
    names = (await readdir(dir)).filter((name) => name.endsWith('.json')).sort(byName)
  } catch {
    throw new UsageError(`\`${displayPath(cwd, dir)}\` is not a readable folder of JSON reports.`)
  }
  if (names.length === 0) throw new UsageError(`No JSON reports (*.json) in \`${displayPath(cwd, dir)}\`.`)
  const inputs: ReportInput[] = []
  for (const name of names) {
    const path = join(dir, name)
    const where = displayPath(cwd, path)
    let parsed: unknown
    try {
      parsed = JSON.parse(await readFile(path, 'utf8'))
    } catch (error) {
      throw new UsageError(`${where} is not valid JSON: ${(error as Error).message}`)
    }
    inputs.push({ file: where, report: validateReport(parsed, where) })
  }
  return inputs
}
