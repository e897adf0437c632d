// The public entry. It stays light because scenario files import it in every child: the engine
// (typescript among it) loads only when run() is called.

import type { RunOptions } from './engine/options.js'
import type { RunControl } from './engine/run.js'
import type { Report } from './types.js'

export type { Baseline, BaselineEntry } from './baseline/types.js'
export type { ForkcheckConfig } from './config/define.js'
export { defineConfig } from './config/define.js'
export { defineScenario } from './define.js'
export type { ReporterSpec, RunOptions } from './engine/options.js'
export type { RunControl } from './engine/run.js'
export type * from './types.js'

/**
 * Runs scenarios programmatically and resolves with the JSON report (DESIGN.md).
 *
 * @example
 * const report = await run({ files: ['scenarios'] })
 * if (report.summary.failed > 0) process.exitCode = 1
 */
export async function run(options: RunOptions = {}, control: RunControl = {}): Promise<Report> {
  const { runScenarios } = await import('./engine/run.js')
  return runScenarios(options, control)
}
