import { readFile } from 'node:fs/promises'
import { describeValue } from '../config/describe.js'
import { UsageError } from '../errors.js'
import { writeFileAtomic } from '../report/atomic-write.js'
import type { InheritedItem } from '../types.js'
import type { Baseline, BaselineEntry } from './types.js'

const CAUSE_KINDS = new Set(['env', 'execArgv', 'cwd', 'ipc', 'cluster', 'stdio', 'global'])
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:T[\d:.]+(?:Z|[+-]\d{2}:\d{2})?)?$/

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function fail(where: string, key: string, expected: string, value: unknown): never {
  throw new UsageError(`Expected \`${key}\` in ${where} to be ${expected}, got ${describeValue(value)}.`)
}

function validateCause(value: unknown, key: string, where: string): InheritedItem {
  if (!isObject(value) || typeof value.kind !== 'string' || !CAUSE_KINDS.has(value.kind))
    return fail(where, key, `{ kind, name? } with kind one of ${[...CAUSE_KINDS].join(', ')}`, value)
  if (value.name !== undefined && typeof value.name !== 'string')
    return fail(where, `${key}.name`, 'a string', value.name)
  return value.name === undefined
    ? { kind: value.kind as InheritedItem['kind'] }
    : { kind: value.kind as InheritedItem['kind'], name: value.name }
}

function validateEntry(value: unknown, id: string, where: string): BaselineEntry {
  const key = `scenarios["${id}"]`
  if (!isObject(value)) return fail(where, key, 'an object', value)
  if (!Array.isArray(value.causes)) return fail(where, `${key}.causes`, 'an array', value.causes)
  const entry: BaselineEntry = {
    causes: value.causes.map((cause, index) => validateCause(cause, `${key}.causes[${index}]`, where)),
  }
  if (typeof value.name === 'string') entry.name = value.name
  if (value.expires !== undefined) {
    const valid =
      typeof value.expires === 'string' &&
      ISO_DATE.test(value.expires) &&
      !Number.isNaN(Date.parse(value.expires))
    if (!valid) return fail(where, `${key}.expires`, 'an ISO date such as "2025-12-31"', value.expires)
    entry.expires = value.expires as string
  }
  return entry
}

/** Checks parsed baseline JSON; `where` names the file in messages. */
export function validateBaseline(value: unknown, where: string): Baseline {
  if (!isObject(value) || value.version !== 1 || !isObject(value.scenarios)) {
    throw new UsageError(
      `${where} is not a forkcheck baseline (expected \`{ "version": 1, "scenarios": { … } }\`).`,
    )
  }
  const scenarios: Record<string, BaselineEntry> = {}
  for (const [id, entry] of Object.entries(value.scenarios)) scenarios[id] = validateEntry(entry, id, where)
  return { version: 1, scenarios }
}

/** Reads and checks a baseline file; undefined when it does not exist. */
export async function readBaseline(path: string, where: string): Promise<Baseline | undefined> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (error) {
    throw new UsageError(`${where} is not valid JSON: ${(error as Error).message}`)
  }
  return validateBaseline(parsed, where)
}

/** Writes the baseline atomically, as stable pretty JSON that diffs well in review. */
export async function writeBaseline(path: string, baseline: Baseline): Promise<void> {
  await writeFileAtomic(path, `${JSON.stringify(baseline, null, 2)}\n`)
}
