import { listScenarios, runScenarios } from '../engine/run.js'
import { suggestExitCode } from '../engine/summary.js'
import { createReporters } from '../reporters/index.js'
import { finishBaseline, readBaselineState } from './baseline.js'
import type { CliFlags } from './flags.js'
import { handleInterrupts } from './interrupts.js'
import { makeRunOptions } from './options.js'
import type { CliSetup } from './setup.js'

/** `--list`: the scenarios a run would start (and skip), one per line, without running any. */
export async function listCommand(files: string[], flags: CliFlags, setup: CliSetup): Promise<number> {
  const plan = await listScenarios(makeRunOptions(files, flags, setup.config))
  for (const scenario of plan.toRun) {
    const problem = scenario.error ? `  (error: ${scenario.error.message})` : ''
    process.stdout.write(`${scenario.id}  ${scenario.name}${problem}\n`)
  }
  for (const scenario of plan.skipped) process.stdout.write(`${scenario.id}  ${scenario.name}  (skipped)\n`)
  return 0
}

/** Runs the scenarios with the reporters and the baseline, and returns the exit code. */
export async function runCommand(files: string[], flags: CliFlags, setup: CliSetup): Promise<number> {
  const options = makeRunOptions(files, flags, setup.config)
  const state = await readBaselineState(flags, setup)
  if (state.baseline) options.baseline = state.baseline
  if (state.update) options.updateBaseline = true
  const reporter = await createReporters(setup.reporters, {
    root: setup.root,
    showEnvValues: options.showEnvValues ?? false,
  })
  const controller = new AbortController()
  const interrupts = handleInterrupts(controller)
  try {
    const report = await runScenarios(options, { reporter, signal: controller.signal })
    const interrupted = interrupts.exitCode()
    if (interrupted !== undefined) return interrupted
    // Only a run of every scenario may drop baseline entries of scenarios that are gone.
    const complete = files.length === 0 && options.shard === undefined && options.bail === undefined
    await finishBaseline(state, report, { complete })
    return suggestExitCode(report)
  } finally {
    interrupts.dispose()
  }
}
