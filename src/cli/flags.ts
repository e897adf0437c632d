import { UsageError } from '../errors.js'
import type { ReporterSpec } from '../reporters/index.js'

/** Raw flags as cac parses them (dotted flags become objects, repeated flags arrays). */
export interface CliFlags {
  reporter?: string | string[]
  outputFile?: string | Record<string, string>
  timeout?: string | number
  concurrency?: string | number
  repeat?: string | number
  flaky?: string
  mode?: string
  testNamePattern?: string
  bail?: string | number
  shard?: string
  list?: boolean
  showEnvValues?: boolean
  probes?: boolean
  config?: string
  baseline?: string
  updateBaseline?: boolean
  mergeReports?: string
  maxBisectRuns?: string | number
  '--'?: string[]
}

/** The switches (flags without a value) in `rawNames`, as cac declares options: `--a-b`, `-x, --y`. */
export function listSwitches(options: ReadonlyArray<{ rawName: string; isBoolean?: boolean }>): string[] {
  return options
    .filter((option) => option.isBoolean)
    .flatMap((option) => option.rawName.split(',').map((name) => name.trim()))
    .filter((name) => name.startsWith('--'))
}

/**
 * Spells each bare switch before `--` as `--switch=true`. cac tells its parser the switches by
 * their camelCase names, so `--show-env-values a.scenario.ts` took the file as the flag's value.
 */
export function pinSwitches(argv: readonly string[], switches: readonly string[]): string[] {
  const end = argv.indexOf('--')
  return argv.map((arg, index) =>
    (end === -1 || index < end) && switches.includes(arg) ? `${arg}=true` : arg,
  )
}

/** Reads a switch: given alone, or as `--flag=true` / `--flag=false`; the last one counts. */
export function readSwitch(flag: string, value: unknown): boolean | undefined {
  const last: unknown = Array.isArray(value) ? value.at(-1) : value
  if (last === undefined || typeof last === 'boolean') return last
  if (last === 'true' || last === 'false') return last === 'true'
  throw new UsageError(
    `Expected \`--${flag}\` alone, or as \`--${flag}=true\` or \`--${flag}=false\`, got \`${String(last)}\`.`,
  )
}

/** `--show-env-values` → `showEnvValues`: the key cac gives a dashed flag. */
function flagKey(flag: string): string {
  return flag.replace(/^--/, '').replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase())
}

/** The flags with every switch (as listSwitches names them) read as a boolean, or left out when not given. */
export function readSwitches(flags: CliFlags, switches: readonly string[]): CliFlags {
  const read: Record<string, unknown> = { ...flags }
  for (const flag of switches) {
    const key = flagKey(flag)
    const value = readSwitch(flag.replace(/^--/, ''), read[key])
    if (value === undefined) delete read[key]
    else read[key] = value
  }
  return read as CliFlags
}

/** Reads a positive integer flag, or explains what is wrong with it. */
export function readInteger(flag: string, value: unknown, min = 1): number | undefined {
  if (value === undefined) return undefined
  const number = typeof value === 'number' ? value : Number(value)
  if (!Number.isInteger(number) || number < min) {
    throw new UsageError(
      `Expected \`--${flag}\` to be an integer of at least ${min}, got \`${String(value)}\`.`,
    )
  }
  return number
}

/** Reads a flag limited to a few words. */
export function readChoice<T extends string>(
  flag: string,
  value: unknown,
  choices: readonly T[],
): T | undefined {
  if (value === undefined) return undefined
  if (typeof value !== 'string' || !(choices as readonly string[]).includes(value)) {
    throw new UsageError(
      `Expected \`--${flag}\` to be one of ${choices.join(', ')}, got \`${String(value)}\`.`,
    )
  }
  return value as T
}

/** Reads `--testNamePattern` and checks that it compiles as a regular expression. */
export function readPattern(value: unknown): string | undefined {
  if (value === undefined) return undefined
  const pattern = String(value)
  try {
    new RegExp(pattern)
  } catch (error) {
    throw new UsageError(
      `Expected \`--testNamePattern\` to be a regular expression, got \`${pattern}\`: ${(error as Error).message}.`,
    )
  }
  return pattern
}

const FILE_REPORTERS = new Set(['json', 'junit'])

/**
 * `--reporter a --reporter b --outputFile.b=x` (vitest style) into reporter specs. Without
 * `--reporter`, the `fallback` specs (the config's, else the defaults) get the output files.
 */
export function readReporters(flags: CliFlags, fallback: ReporterSpec[]): ReporterSpec[] {
  const specs =
    flags.reporter === undefined ? fallback : [flags.reporter].flat().map((name) => ({ name: String(name) }))
  const output = flags.outputFile
  if (output === undefined) return specs
  if (typeof output === 'string') {
    const fileReporters = specs.filter((spec) => FILE_REPORTERS.has(spec.name))
    if (fileReporters.length > 1) {
      throw new UsageError(
        'Several file reporters need one file each: use `--outputFile.json=…` and `--outputFile.junit=…`.',
      )
    }
  }
  return specs.map((spec) => {
    const outputFile =
      typeof output === 'string'
        ? FILE_REPORTERS.has(spec.name) || specs.length === 1
          ? output
          : undefined
        : output[spec.name]
    return outputFile === undefined ? spec : { ...spec, outputFile: String(outputFile) }
  })
}
