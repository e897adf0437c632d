import type { ForkcheckConfig } from '../config/define.js'
import { parseShard } from '../engine/make-plan.js'
import type { RunOptions } from '../engine/options.js'
import { type CliFlags, readChoice, readInteger, readPattern } from './flags.js'

/** Flags as run options: only the flags given, so they override the config and nothing else. */
function readFlagOptions(flags: CliFlags): RunOptions {
  const options: RunOptions = {}
  const timeout = readInteger('timeout', flags.timeout)
  const concurrency = readInteger('concurrency', flags.concurrency)
  const repeat = readInteger('repeat', flags.repeat)
  const bail = readInteger('bail', flags.bail)
  const maxBisectRuns = readInteger('max-bisect-runs', flags.maxBisectRuns, 0)
  const flaky = readChoice('flaky', flags.flaky, ['fail', 'warn'] as const)
  const mode = readChoice('mode', flags.mode, ['fork', 'spawn'] as const)
  const testNamePattern = readPattern(flags.testNamePattern)
  if (timeout !== undefined) options.timeout = timeout
  if (concurrency !== undefined) options.concurrency = concurrency
  if (repeat !== undefined) options.repeat = repeat
  if (bail !== undefined) options.bail = bail
  if (maxBisectRuns !== undefined) options.maxBisectRuns = maxBisectRuns
  if (flaky !== undefined) options.flaky = flaky
  if (mode !== undefined) options.mode = mode
  if (testNamePattern !== undefined) options.testNamePattern = testNamePattern
  if (flags.shard !== undefined) {
    // Checked now, before minutes of collecting, rather than when the plan is made.
    parseShard(String(flags.shard))
    options.shard = String(flags.shard)
  }
  if (flags.showEnvValues !== undefined) options.showEnvValues = flags.showEnvValues
  if (flags.probes === false) options.probes = false
  return options
}

/** The run options of one invocation: the config file's, then the flags over them. */
export function makeRunOptions(files: string[], flags: CliFlags, config: ForkcheckConfig): RunOptions {
  // Reporters and the baseline are the CLI's to resolve (paths, defaults), not the engine's.
  const { reporters: _reporters, baseline: _baseline, ...fromConfig } = config
  return { ...fromConfig, ...readFlagOptions(flags), files }
}
