import type { ConfigReporter, ForkcheckConfig } from '../config/define.js'
import { loadConfig } from '../config/load.js'
import { findProjectRoot } from '../discover/root.js'
import { UsageError } from '../errors.js'
import { defaultReporterNames, type ReporterSpec } from '../reporters/index.js'
import { type CliFlags, readReporters } from './flags.js'

/** What every command needs first: where it runs, the project root, the config, the reporters. */
export interface CliSetup {
  cwd: string
  root: string
  config: ForkcheckConfig
  reporters: ReporterSpec[]
}

function toSpec(reporter: ConfigReporter): ReporterSpec {
  return typeof reporter === 'string' ? { name: reporter } : reporter
}

/**
 * Finds the root, loads the config file, and picks the reporters: `--reporter` flags, else the
 * config's, else `default` (plus `github` inside GitHub Actions).
 */
export async function setUpCli(flags: CliFlags, env: NodeJS.ProcessEnv = process.env): Promise<CliSetup> {
  const cwd = process.cwd()
  const root = findProjectRoot(cwd)
  if (root === undefined)
    throw new UsageError(`No package.json at or above ${cwd}: run forkcheck inside a project.`)
  const explicit = flags.config === undefined ? undefined : String(flags.config)
  const { config } = await loadConfig({ cwd, root, explicit })
  const fallback = config.reporters?.map(toSpec) ?? defaultReporterNames(env).map((name) => ({ name }))
  return { cwd, root, config, reporters: readReporters(flags, fallback) }
}
