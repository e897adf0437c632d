import { describeValue } from '../config/describe.js'
import type { Expectation, ScenarioSpec } from '../types.js'

/** A scenario's options after validation: plain data that can cross to the harness. */
export interface ScenarioOptions {
  name: string
  execArgv: string[]
  env: Record<string, string>
  childExecArgv: string[]
  workers: number
  timeout: number
  expect: Expectation
  repeat: number | undefined
  only: boolean
  skip: boolean
  hasParent: boolean
  hasParentWhileChildren: boolean
  hasNormalize: boolean
}

export const DEFAULT_TIMEOUT = 10_000
export const MAX_WORKERS = 64

const KEYS = [
  'name',
  'execArgv',
  'env',
  'childExecArgv',
  'workers',
  'timeout',
  'expect',
  'repeat',
  'only',
  'skip',
  'parent',
  'parentWhileChildren',
  'child',
  'normalize',
] as const

/** A user's mistake in a scenario; the message says what to change. */
export class ScenarioOptionError extends Error {
  override name = 'ScenarioOptionError'
}

function fail(option: string, expected: string, value: unknown): never {
  throw new ScenarioOptionError(
    `Expected the \`${option}\` option to be ${expected}, got ${describeValue(value)}.`,
  )
}

function validateStringArray(option: string, value: unknown): string[] {
  if (value === undefined) return []
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
    fail(option, 'an array of strings', value)
  }
  return [...value]
}

function validateEnv(value: unknown): Record<string, string> {
  if (value === undefined) return {}
  if (value === null || typeof value !== 'object' || Array.isArray(value)) fail('env', 'an object', value)
  for (const [key, item] of Object.entries(value)) {
    if (typeof item !== 'string') fail(`env.${key}`, 'a string', item)
  }
  return { ...(value as Record<string, string>) }
}

function validateInteger(option: string, value: unknown, min: number, max: number): number | undefined {
  if (value === undefined) return undefined
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    fail(option, `an integer from ${min} to ${max}`, value)
  }
  return value
}

function validateFunction(option: string, value: unknown, required: boolean): boolean {
  if (value === undefined && !required) return false
  if (typeof value !== 'function') fail(option, 'a function', value)
  return true
}

function validateBoolean(option: string, value: unknown): boolean {
  if (value === undefined) return false
  if (typeof value !== 'boolean') fail(option, 'a boolean', value)
  return value
}

function validateKeys(spec: object): void {
  for (const [key, value] of Object.entries(spec)) {
    if ((KEYS as readonly string[]).includes(key)) continue
    // `module.exports = defineScenario(a)` then `module.exports.b = defineScenario(b)` makes b an option of a.
    const nested =
      value !== null && typeof value === 'object' && 'child' in value
        ? ` It holds a scenario, set on this scenario's options (as \`module.exports.${key} = …\` after \`module.exports = defineScenario(…)\` does): export each by name, e.g. \`module.exports = { default: first, ${key} }\`.`
        : ''
    throw new ScenarioOptionError(`Unknown option \`${key}\`: expected one of ${KEYS.join(', ')}.${nested}`)
  }
}

/** Validates a scenario's options once, at the edge, with one message per mistake. */
export function validateScenario(spec: unknown, defaultName: string): ScenarioOptions {
  if (spec === null || typeof spec !== 'object') {
    throw new ScenarioOptionError(
      `Expected a scenario object (export default defineScenario({ child() {…} })), got ${describeValue(spec)}.`,
    )
  }
  validateKeys(spec)
  const raw = spec as ScenarioSpec & Record<string, unknown>
  validateFunction('child', raw.child, true)
  if (raw.name !== undefined && (typeof raw.name !== 'string' || raw.name.trim() === '')) {
    fail('name', 'a non-empty string', raw.name)
  }
  if (raw.expect !== undefined && raw.expect !== 'same' && raw.expect !== 'differs') {
    fail('expect', "'same' or 'differs'", raw.expect)
  }
  return {
    name: raw.name ?? defaultName,
    execArgv: validateStringArray('execArgv', raw.execArgv),
    env: validateEnv(raw.env),
    childExecArgv: validateStringArray('childExecArgv', raw.childExecArgv),
    workers: validateInteger('workers', raw.workers, 1, MAX_WORKERS) ?? 1,
    timeout: validateInteger('timeout', raw.timeout, 1, 3_600_000) ?? DEFAULT_TIMEOUT,
    expect: raw.expect ?? 'same',
    repeat: validateInteger('repeat', raw.repeat, 1, 100),
    only: validateBoolean('only', raw.only),
    skip: validateBoolean('skip', raw.skip),
    hasParent: validateFunction('parent', raw.parent, false),
    hasParentWhileChildren: validateFunction('parentWhileChildren', raw.parentWhileChildren, false),
    hasNormalize: validateFunction('normalize', raw.normalize, false),
  }
}
