import type { RunOptions } from '../engine/options.js'

/**
 * The shape of `forkcheck.config.ts`: run options shared by every run of the project.
 *
 * @example
 * export default defineConfig({ include: ['scenarios/**\/*.scenario.ts'], ignoreEnv: ['CI', 'GITHUB_*'] })
 */
export type ForkcheckConfig = Omit<RunOptions, 'cwd' | 'files' | 'env' | 'fromVitest'>

/** Declares a config file's contents, with types. */
export function defineConfig(config: ForkcheckConfig): ForkcheckConfig {
  return config
}
