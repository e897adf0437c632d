import { resolve } from 'node:path'
import { applyBaseline } from '../baseline/apply.js'
import { suggestExitCode } from '../engine/summary.js'
import { createReporters } from '../reporters/index.js'
import type { Report, Reporter } from '../types.js'
import { finishBaseline, readBaselineState } from './baseline.js'
import type { CliFlags } from './flags.js'
import { mergeReports } from './merge-reports.js'
import { readReports } from './read-reports.js'
import type { CliSetup } from './setup.js'

/** Plays a finished report to reporters as if it had just run. */
async function replayReport(reporter: Reporter, report: Report): Promise<void> {
  const ran = report.scenarios.filter((result) => !result.skipped)
  const planned = ran.map(({ id, file, exportName, name }) => ({ id, file, exportName, name }))
  await reporter.onRunStart?.({ root: report.root, scenarios: planned })
  for (const result of ran) await reporter.onScenarioEnd?.(result)
  await reporter.onRunEnd?.(report)
}

/**
 * `--merge-reports <dir>`: combines the JSON reports of shards, applies the baseline, runs the
 * reporters over the result, and returns the exit code the whole run would have had.
 */
export async function mergeCommand(dir: string, flags: CliFlags, setup: CliSetup): Promise<number> {
  const inputs = await readReports(resolve(setup.cwd, dir), setup.cwd)
  const { report: merged, warnings } = mergeReports(inputs)
  for (const warning of warnings) process.stderr.write(`forkcheck: warning: ${warning}\n`)
  const state = await readBaselineState(flags, setup)
  const judged =
    state.baseline || state.update
      ? applyBaseline(merged, state.baseline, { update: state.update, now: new Date(merged.startedAt) })
      : merged
  const showEnvValues = flags.showEnvValues ?? setup.config.showEnvValues === true
  await replayReport(await createReporters(setup.reporters, { root: setup.root, showEnvValues }), judged)
  // Shards may not all be here: never drop entries of scenarios missing from the merge.
  await finishBaseline(state, judged, { complete: false })
  return suggestExitCode(judged)
}
