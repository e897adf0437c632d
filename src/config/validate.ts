import { UsageError } from '../errors.js'
import type { ConfigReporter, ForkcheckConfig } from './define.js'
import { describeValue } from './describe.js'
import { suggestName } from './suggest.js'

type Validate<T> = (value: unknown, key: string, where: string) => T

function fail(key: string, where: string, expected: string, value: unknown): never {
  throw new UsageError(`Expected \`${key}\` in ${where} to be ${expected}, got ${describeValue(value)}.`)
}

function validateInteger(min: number): Validate<number> {
  const expected = min === 0 ? 'a non-negative integer' : 'a positive integer'
  return (value, key, where) =>
    typeof value === 'number' && Number.isInteger(value) && value >= min
      ? value
      : fail(key, where, expected, value)
}

const validatePositiveInteger = validateInteger(1)

const validateBoolean: Validate<boolean> = (value, key, where) =>
  typeof value === 'boolean' ? value : fail(key, where, '`true` or `false`', value)

const validateFlaky: Validate<'fail' | 'warn'> = (value, key, where) =>
  value === 'fail' || value === 'warn' ? value : fail(key, where, '`"fail"` or `"warn"`', value)

const validatePath: Validate<string> = (value, key, where) =>
  typeof value === 'string' && value !== '' ? value : fail(key, where, 'a path relative to the root', value)

function validateStrings(expected: string, isValid: (text: string) => boolean): Validate<string[]> {
  return (value, key, where) => {
    if (!Array.isArray(value)) return fail(key, where, `an array of ${expected}`, value)
    value.forEach((item, index) => {
      if (typeof item !== 'string' || !isValid(item))
        fail(`${key}[${index}]`, where, `one of ${expected}`, item)
    })
    return value as string[]
  }
}

const validateGlobs = validateStrings('glob strings', (text) => text !== '')

// `NAME` or `PREFIX_*`: a star only at the end, and never `=` (that would be a value).
const validateEnvNames = validateStrings('variable names or `PREFIX_*` patterns', (text) =>
  /^[^=*\s]+\*?$/.test(text),
)

const REPORTER_EXPECTED = 'a reporter name or path, or `{ name, outputFile }`'

const validateReporters: Validate<ConfigReporter[]> = (value, key, where) => {
  if (!Array.isArray(value)) return fail(key, where, `an array of ${REPORTER_EXPECTED}`, value)
  return value.map((item, index): ConfigReporter => {
    const itemKey = `${key}[${index}]`
    if (typeof item === 'string' && item !== '') return item
    if (typeof item !== 'object' || item === null || Array.isArray(item) || '$type' in item)
      return fail(itemKey, where, REPORTER_EXPECTED, item)
    const { name, outputFile, ...rest } = item as Record<string, unknown>
    const extra = Object.keys(rest)[0]
    if (extra !== undefined) throw new UsageError(`${where}: unknown option \`${itemKey}.${extra}\`.`)
    if (typeof name !== 'string' || name === '')
      fail(`${itemKey}.name`, where, 'a reporter name or path', name)
    if (outputFile === undefined) return { name }
    return { name, outputFile: validatePath(outputFile, `${itemKey}.outputFile`, where) }
  })
}

/** One validator per config option: adding an option without one does not compile. */
const VALIDATORS: { [K in keyof Required<ForkcheckConfig>]: Validate<ForkcheckConfig[K]> } = {
  include: validateGlobs,
  exclude: validateGlobs,
  allowEnv: validateEnvNames,
  ignoreEnv: validateEnvNames,
  timeout: validatePositiveInteger,
  repeat: validatePositiveInteger,
  concurrency: validatePositiveInteger,
  bail: validatePositiveInteger,
  outputCap: validatePositiveInteger,
  maxBisectRuns: validateInteger(0),
  flaky: validateFlaky,
  showEnvValues: validateBoolean,
  reporters: validateReporters,
  baseline: validatePath,
}

/** Options that belong to one invocation, not to the project: said so instead of "unknown". */
const COMMAND_LINE_ONLY: Record<string, string> = {
  shard: '--shard',
  mode: '--mode',
  testNamePattern: '--testNamePattern',
  files: 'scenario files as arguments',
  list: '--list',
  updateBaseline: '--update-baseline',
  mergeReports: '--merge-reports',
}

function rejectUnknownKey(key: string, where: string): never {
  const flag = COMMAND_LINE_ONLY[key]
  if (flag !== undefined) {
    throw new UsageError(`${where}: \`${key}\` is not a config option — pass ${flag} on the command line.`)
  }
  const suggestion = suggestName(key, Object.keys(VALIDATORS))
  const hint = suggestion
    ? ` — did you mean \`${suggestion}\`?`
    : ` (known options: ${Object.keys(VALIDATORS).join(', ')}).`
  throw new UsageError(`${where}: unknown option \`${key}\`${hint}`)
}

/**
 * Checks a config file's default export (as plain data) and returns it typed. `where` names the
 * file in every message, e.g. ``forkcheck.config.ts: unknown option `timout` — did you mean `timeout`?``
 */
export function validateConfig(value: unknown, where: string): ForkcheckConfig {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || '$type' in value) {
    throw new UsageError(
      `Expected the default export of ${where} to be an object (\`export default defineConfig({ … })\`), got ${describeValue(value)}.`,
    )
  }
  const entries = Object.entries(value as Record<string, unknown>)
  for (const [key] of entries) if (!Object.hasOwn(VALIDATORS, key)) rejectUnknownKey(key, where)
  const config: Record<string, unknown> = {}
  for (const [key, item] of entries) {
    // `undefined` (e.g. `timeout: process.env.X ? 1 : undefined`) means "not set".
    if (item === undefined || isEncodedUndefined(item)) continue
    config[key] = VALIDATORS[key as keyof ForkcheckConfig](item, key, where)
  }
  return config as ForkcheckConfig
}

function isEncodedUndefined(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as { $type?: unknown }).$type === 'undefined'
}
