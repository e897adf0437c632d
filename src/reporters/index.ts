import { isAbsolute, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { UsageError } from '../errors.js'
import type { Reporter } from '../types.js'
import type { ReporterFactory, ReporterOptions } from './types.js'

export type { ReporterFactory, ReporterOptions } from './types.js'

/**
 * Which reporter to use and, for file reporters, where it writes.
 *
 * @example
 * { name: 'junit', outputFile: 'reports/forkcheck.xml' }
 */
export interface ReporterSpec {
  /** `default`, `json`, `junit`, `github`, or a path (relative to the root) to a reporter module. */
  name: string
  outputFile?: string
}

// Imported on demand: a run loads only the reporters it uses (each module costs the CLI CPU to load).
const BUILT_IN: Record<string, () => Promise<ReporterFactory>> = {
  default: async () => (await import('./default.js')).createDefaultReporter,
  json: async () => (await import('./json.js')).createJsonReporter,
  junit: async () => (await import('./junit.js')).createJunitReporter,
  github: async () => (await import('./github.js')).createGithubReporter,
}

const HOOKS = ['onRunStart', 'onScenarioStart', 'onScenarioEnd', 'onRunEnd'] as const

/** Creates the named reporters and combines them into one that calls each hook of each, in order. */
export async function createReporters(specs: ReporterSpec[], base: ReporterOptions): Promise<Reporter> {
  const reporters: Reporter[] = []
  for (const spec of specs) {
    const options: ReporterOptions = { ...base, outputFile: spec.outputFile }
    const loadFactory = BUILT_IN[spec.name]
    reporters.push(
      loadFactory ? (await loadFactory())(options) : await loadCustomReporter(spec.name, options),
    )
  }
  return combineReporters(reporters)
}

/** `['default']`, plus `github` inside GitHub Actions. */
export function defaultReporterNames(env: Record<string, string | undefined>): string[] {
  return env.GITHUB_ACTIONS === 'true' ? ['default', 'github'] : ['default']
}

/** One reporter that runs each hook of each reporter in turn, awaiting async hooks. */
export function combineReporters(reporters: Reporter[]): Reporter {
  const combined: Reporter = {}
  for (const hook of HOOKS) {
    if (!reporters.some((reporter) => reporter[hook])) continue
    combined[hook] = async (argument: never) => {
      for (const reporter of reporters) await reporter[hook]?.(argument)
    }
  }
  return combined
}

function isModulePath(name: string): boolean {
  return name.startsWith('.') || isAbsolute(name) || /[\\/]/.test(name) || /\.[cm]?[jt]s$/.test(name)
}

async function loadCustomReporter(name: string, options: ReporterOptions): Promise<Reporter> {
  if (!isModulePath(name)) {
    const names = Object.keys(BUILT_IN).join(', ')
    throw new UsageError(`Unknown reporter \`${name}\`: use ${names}, or a path to a module`)
  }
  const path = resolve(options.root, name)
  let module: { default?: unknown }
  try {
    module = await import(pathToFileURL(path).href)
  } catch (error) {
    throw new UsageError(`Could not load the reporter \`${name}\` (${path}): ${(error as Error).message}`, {
      cause: error,
    })
  }
  const exported = module.default
  const reporter = typeof exported === 'function' ? await (exported as ReporterFactory)(options) : exported
  if (typeof reporter !== 'object' || reporter === null) {
    throw new UsageError(
      `The reporter \`${name}\` must default-export a Reporter object or a factory returning one`,
    )
  }
  return reporter as Reporter
}
