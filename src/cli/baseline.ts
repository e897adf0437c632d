import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { describeBaselineNotes } from '../baseline/notes.js'
import { readBaseline, writeBaseline } from '../baseline/read.js'
import { BASELINE_FILE, type Baseline } from '../baseline/types.js'
import { updateBaseline } from '../baseline/update.js'
import { displayPath } from '../config/describe.js'
import { UsageError } from '../errors.js'
import type { Report } from '../types.js'
import type { CliFlags } from './flags.js'
import type { CliSetup } from './setup.js'

/** The baseline of one invocation: where it lives, what it holds, and whether to rewrite it. */
export interface BaselineState {
  path: string
  /** The path as messages show it. */
  where: string
  baseline: Baseline | undefined
  update: boolean
}

/**
 * `--baseline <path>` (must exist unless updating), else the config's `baseline`, else
 * `forkcheck.baseline.json` in the root when it exists.
 */
export async function readBaselineState(flags: CliFlags, setup: CliSetup): Promise<BaselineState> {
  const explicit = flags.baseline === undefined ? undefined : String(flags.baseline)
  const path =
    explicit !== undefined
      ? resolve(setup.cwd, explicit)
      : resolve(setup.root, setup.config.baseline ?? BASELINE_FILE)
  const where = displayPath(setup.cwd, path)
  const update = flags.updateBaseline === true
  if (explicit !== undefined && !update && !existsSync(path)) {
    throw new UsageError(`The baseline file \`${explicit}\` does not exist: write it with --update-baseline.`)
  }
  return { path, where, baseline: await readBaseline(path, where), update }
}

function printNotes(lines: string[]): void {
  for (const line of lines) process.stderr.write(`forkcheck: baseline: ${line}\n`)
}

/**
 * After a run: rewrites the baseline with `--update-baseline`, then says what the baseline did.
 * A `complete` run (no files, no shard) may drop entries of scenarios that no longer exist.
 */
export async function finishBaseline(
  state: BaselineState,
  report: Report,
  { complete }: { complete: boolean },
): Promise<void> {
  const now = new Date(report.startedAt)
  if (!state.update) {
    if (state.baseline) printNotes(describeBaselineNotes(report, state.baseline, now))
    return
  }
  const baseline = updateBaseline(report, state.baseline, { complete })
  await writeBaseline(state.path, baseline)
  const count = Object.keys(baseline.scenarios).length
  printNotes([
    `wrote ${count} ${count === 1 ? 'entry' : 'entries'} to ${state.where}`,
    ...describeBaselineNotes(report, baseline, now),
  ])
}
