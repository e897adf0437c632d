import { describeValue } from '../../config/describe.js'
import { compileNameList } from '../../config/names.js'
import { ForkcheckOptionsError } from './errors.js'

/** What the environment does with one category of leak: fail the file, print a warning, or ignore it. */
export type Severity = 'error' | 'warn' | 'off'

/** Every category of state a test file can leave behind for child processes and later files. */
export const LEAK_CATEGORIES = [
  'env',
  'cwd',
  'execArgv',
  'globals',
  'listeners',
  'handles',
  'children',
] as const

/** One category of leaked state, e.g. `'env'` for an environment variable left set. */
export type LeakCategory = (typeof LEAK_CATEGORIES)[number]

/**
 * `environmentOptions.forkcheck` in a vitest config.
 *
 * @example
 * export default defineConfig({
 *   test: {
 *     environment: 'forkcheck',
 *     environmentOptions: { forkcheck: { handles: 'error', allowEnv: ['DEBUG', 'MY_*'] } },
 *   },
 * })
 */
export interface ForkcheckEnvironmentOptions extends Partial<Record<LeakCategory, Severity>> {
  /** Environment variable names (or globs such as `MY_*`) a test file may leave set. */
  allowEnv?: string[]
  /** Global names (or globs) a test file may leave defined. */
  allowGlobals?: string[]
}

/** Options after validation, with defaults applied and allow-lists compiled. */
export interface SentinelOptions {
  severity: Record<LeakCategory, Severity>
  isAllowedEnv: (name: string) => boolean
  isAllowedGlobal: (name: string) => boolean
}

/** Defaults: what children inherit silently (env, cwd, the children themselves) fails; the rest warns. */
export const DEFAULT_SEVERITY: Readonly<Record<LeakCategory, Severity>> = {
  env: 'error',
  cwd: 'error',
  execArgv: 'warn',
  globals: 'warn',
  listeners: 'warn',
  handles: 'warn',
  children: 'error',
}

const SEVERITIES: readonly Severity[] = ['error', 'warn', 'off']
const KNOWN_KEYS: readonly string[] = [...LEAK_CATEGORIES, 'allowEnv', 'allowGlobals']
const PREFIX = 'environmentOptions.forkcheck'

/** Validates `environmentOptions` as vitest hands it to `setup()` and applies defaults. */
export function normalizeOptions(environmentOptions: unknown): SentinelOptions {
  const raw = isPlainObject(environmentOptions) ? environmentOptions.forkcheck : undefined
  if (raw !== undefined && !isPlainObject(raw)) {
    throw new ForkcheckOptionsError(`Expected \`${PREFIX}\` to be an object, got ${describeValue(raw)}`)
  }
  const options = raw ?? {}
  validateKnownKeys(options)
  const severity = { ...DEFAULT_SEVERITY }
  for (const category of LEAK_CATEGORIES) {
    const value = options[category]
    if (value !== undefined) severity[category] = validateSeverity(category, value)
  }
  return {
    severity,
    isAllowedEnv: compileNameList(validateNames('allowEnv', options.allowEnv)),
    isAllowedGlobal: compileNameList(validateNames('allowGlobals', options.allowGlobals)),
  }
}

function validateKnownKeys(options: Record<string, unknown>): void {
  for (const key of Object.keys(options)) {
    if (!KNOWN_KEYS.includes(key)) {
      throw new ForkcheckOptionsError(
        `Unknown option \`${PREFIX}.${key}\`: expected one of ${KNOWN_KEYS.join(', ')}`,
      )
    }
  }
}

function validateSeverity(category: LeakCategory, value: unknown): Severity {
  if (typeof value === 'string' && (SEVERITIES as readonly string[]).includes(value)) return value as Severity
  throw new ForkcheckOptionsError(
    `Expected \`${PREFIX}.${category}\` to be 'error', 'warn' or 'off', got ${describeValue(value)}`,
  )
}

function validateNames(key: 'allowEnv' | 'allowGlobals', value: unknown): string[] {
  if (value === undefined) return []
  if (Array.isArray(value) && value.every((item) => typeof item === 'string' && item !== '')) return value
  throw new ForkcheckOptionsError(
    `Expected \`${PREFIX}.${key}\` to be an array of non-empty strings, got ${describeValue(value)}`,
  )
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
