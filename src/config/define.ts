import type { RunOptions } from '../engine/options.js'

/** A reporter in a config file: a built-in name or a module path, optionally with its output file. */
export type ConfigReporter = string | { name: string; outputFile?: string }

/**
 * The shape of `forkcheck.config.ts`: settings shared by every run of the project. Paths are
 * relative to the project root. Command-line flags override them; per-invocation choices
 * (`--shard`, `-t`, `--mode`, files) stay on the command line.
 *
 * @example
 * export default defineConfig({ include: ['scenarios/**\/*.scenario.ts'], ignoreEnv: ['CI', 'GITHUB_*'] })
 */
export interface ForkcheckConfig
  extends Pick<
    RunOptions,
    | 'include'
    | 'exclude'
    | 'allowEnv'
    | 'ignoreEnv'
    | 'timeout'
    | 'repeat'
    | 'concurrency'
    | 'flaky'
    | 'maxBisectRuns'
    | 'showEnvValues'
    | 'bail'
    | 'outputCap'
  > {
  /** Reporters as plain data: `default`, `json`, `junit`, `github` or a module path. */
  reporters?: ConfigReporter[]
  /** The baseline file. Default `forkcheck.baseline.json` in the project root. */
  baseline?: string
}

/** Declares a config file's contents, with types. */
export function defineConfig(config: ForkcheckConfig): ForkcheckConfig {
  return config
}
