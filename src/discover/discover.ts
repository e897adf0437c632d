import { statSync } from 'node:fs'
import { isAbsolute, relative, resolve } from 'node:path'
import { glob, isDynamicPattern } from 'tinyglobby'
import { UsageError } from '../errors.js'

export const DEFAULT_INCLUDE = ['scenarios/**/*.scenario.{ts,mts,cts,js,mjs,cjs}']
export const SCENARIO_EXTENSIONS = '{ts,mts,cts,js,mjs,cjs}'
const ALWAYS_EXCLUDED = ['**/node_modules/**', '**/dist/**', '**/.git/**']

export interface DiscoverOptions {
  root: string
  /** Where relative CLI arguments are resolved from (the shell's cwd). */
  cwd: string
  /** Files, folders or globs from the command line; they replace `include`. */
  args: string[]
  include: string[]
  exclude: string[]
}

/** Turns one CLI argument into globs relative to the root; a folder means its scenario files. */
function argumentToGlobs(arg: string, { root, cwd }: DiscoverOptions): string[] {
  const absolute = isAbsolute(arg) ? arg : resolve(cwd, arg)
  const fromRoot = relative(root, absolute).split('\\').join('/')
  if (fromRoot.startsWith('..')) {
    throw new UsageError(`\`${arg}\` is outside the project root ${root}: pass paths inside it.`)
  }
  if (isDynamicPattern(arg)) return [fromRoot]
  let stats: ReturnType<typeof statSync> | undefined
  try {
    stats = statSync(absolute)
  } catch {
    throw new UsageError(`\`${arg}\` does not exist: pass scenario files, folders or globs.`)
  }
  if (stats.isDirectory()) return [`${fromRoot || '.'}/**/*.scenario.${SCENARIO_EXTENSIONS}`]
  return [fromRoot]
}

/** The scenario files to run, absolute and sorted; a CLI argument that matches nothing is a usage error. */
export async function discoverFiles(options: DiscoverOptions): Promise<string[]> {
  const ignore = [...ALWAYS_EXCLUDED, ...options.exclude]
  if (options.args.length === 0) {
    return (await glob(options.include, { cwd: options.root, absolute: true, ignore })).sort()
  }
  const found = new Set<string>()
  for (const arg of options.args) {
    const matches = await glob(argumentToGlobs(arg, options), { cwd: options.root, absolute: true, ignore })
    if (matches.length === 0) throw new UsageError(`No scenario files match \`${arg}\`.`)
    for (const match of matches) found.add(match)
  }
  return [...found].sort()
}

/**
 * Scenario files anywhere under the root, sorted: for a hint when `include` matched none (a
 * monorepo keeps them in `packages/<name>/scenarios`, where the default does not look).
 */
export async function findScenariosAnywhere(root: string, exclude: string[]): Promise<string[]> {
  const include = [`**/*.scenario.${SCENARIO_EXTENSIONS}`]
  const files = await discoverFiles({ root, cwd: root, args: [], include, exclude })
  return files.map((file) => relative(root, file).split('\\').join('/'))
}
