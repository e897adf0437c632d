import type { LeakCategory, Severity } from './options.js'

/** One piece of state a test file left behind. Holds names and locations, never values. */
export interface Leak {
  category: LeakCategory
  /** What leaked: a variable name, a directory, a flag, a global, an event, a handle, a child. */
  subject: string
  /** What happened to it, e.g. `set`, `changed to test/sub`, `added`, `still open`. */
  change: string
  /** Where it was created or set, `path:line` relative to the project root. */
  at?: string
  /** For `children`: the leaked items the child was handed, each with where it was set. */
  inherited?: string[]
}

/** Leaks split by what the options say to do with them. */
export interface LeakVerdict {
  errors: Leak[]
  warnings: Leak[]
}

const HINT =
  'Undo process-wide changes in afterEach/afterAll and pass env, cwd and execArgv to child processes ' +
  'explicitly, or configure environmentOptions.forkcheck (see docs/vitest.md in forkcheck).'

/** Splits leaks into errors and warnings; `off` categories are dropped. */
export function judgeLeaks(leaks: readonly Leak[], severity: Record<LeakCategory, Severity>): LeakVerdict {
  return {
    errors: leaks.filter((leak) => severity[leak.category] === 'error'),
    warnings: leaks.filter((leak) => severity[leak.category] === 'warn'),
  }
}

const SETUP_FILE_HINT =
  'A setupFiles module runs before every test file, so what it leaves counts for each: give ' +
  "variables to vitest's `test.env` instead (set before the baseline), or undo the rest in an " +
  'afterAll of the setup file.'

/** The message of a failed file: one line per leak with category, name and location. */
export function formatLeakError(
  file: string,
  leaks: readonly Leak[],
  setupFiles: readonly string[] = [],
): string {
  return [
    `forkcheck: ${file} leaked ${count(leaks.length)} that child processes and later test files inherit:`,
    ...leaks.map(formatLeakLine),
    ...setupFileHint(leaks, setupFiles),
    HINT,
  ].join('\n')
}

/** The text printed for `warn` leaks. */
export function formatLeakWarning(
  file: string,
  leaks: readonly Leak[],
  setupFiles: readonly string[] = [],
): string {
  return [
    `forkcheck warning: ${file} left ${count(leaks.length)} behind:`,
    ...leaks.map(formatLeakLine),
    ...setupFileHint(leaks, setupFiles),
  ].join('\n')
}

/** The hint for leaks made in a setup file (`setupFiles` relative to the root, as `at` is). */
function setupFileHint(leaks: readonly Leak[], setupFiles: readonly string[]): string[] {
  const inSetupFile = leaks.some((leak) => setupFiles.some((setup) => leak.at?.startsWith(`${setup}:`)))
  return inSetupFile ? [SETUP_FILE_HINT] : []
}

/** `  env        FOO set at test/a.test.ts:3` */
export function formatLeakLine(leak: Leak): string {
  const where = leak.at === undefined ? '' : ` at ${leak.at}`
  const inherited = leak.inherited?.length ? ` inherited ${leak.inherited.join(', ')}` : ''
  return `  ${leak.category.padEnd(10)} ${leak.subject} ${leak.change}${where}${inherited}`
}

/**
 * The error recorded on the file task. Its stack holds no frames, so vitest prints no code frame
 * (a user line could hold a secret literal): the locations are in the message instead.
 */
export function makeLeakErrorRecord(message: string): { name: string; message: string; stack: string } {
  const name = 'ForkcheckLeakError'
  return { name, message, stack: `${name}: ${message}` }
}

/** Groups identical leaks (same category, subject, change and place) into one line with a count. */
export function groupLeaks(leaks: readonly Leak[]): Leak[] {
  const groups = new Map<string, { leak: Leak; count: number }>()
  for (const leak of leaks) {
    const key = [leak.category, leak.subject, leak.change, leak.at ?? ''].join('\0')
    const group = groups.get(key)
    if (group === undefined) groups.set(key, { leak, count: 1 })
    else group.count++
  }
  return [...groups.values()].map(({ leak, count }) =>
    count === 1 ? leak : { ...leak, subject: `${count} × ${leak.subject}` },
  )
}

function count(n: number): string {
  return n === 1 ? '1 item' : `${n} items`
}
