import { createRequire } from 'node:module'
import { cac } from 'cac'
import { findProjectRoot } from '../discover/root.js'
import type { RunOptions } from '../engine/options.js'
import { killAllParents } from '../engine/parent-host.js'
import { listScenarios, runScenarios } from '../engine/run.js'
import { suggestExitCode } from '../engine/summary.js'
import { UsageError } from '../errors.js'
import { createReporters, defaultReporterNames } from '../reporters/index.js'
import { type CliFlags, readChoice, readInteger, readReporters } from './flags.js'

const { version } = createRequire(import.meta.url)('../../package.json') as { version: string }

function toRunOptions(files: string[], flags: CliFlags): RunOptions {
  const options: RunOptions = { files }
  const timeout = readInteger('timeout', flags.timeout)
  const concurrency = readInteger('concurrency', flags.concurrency)
  const repeat = readInteger('repeat', flags.repeat)
  const bail = readInteger('bail', flags.bail)
  const maxBisectRuns = readInteger('maxBisectRuns', flags.maxBisectRuns, 0)
  const flaky = readChoice('flaky', flags.flaky, ['fail', 'warn'] as const)
  const mode = readChoice('mode', flags.mode, ['fork', 'spawn'] as const)
  if (timeout !== undefined) options.timeout = timeout
  if (concurrency !== undefined) options.concurrency = concurrency
  if (repeat !== undefined) options.repeat = repeat
  if (bail !== undefined) options.bail = bail
  if (maxBisectRuns !== undefined) options.maxBisectRuns = maxBisectRuns
  if (flaky !== undefined) options.flaky = flaky
  if (mode !== undefined) options.mode = mode
  if (flags.testNamePattern !== undefined) options.testNamePattern = String(flags.testNamePattern)
  if (flags.shard !== undefined) options.shard = String(flags.shard)
  if (flags.showEnvValues) options.showEnvValues = true
  return options
}

async function list(options: RunOptions): Promise<number> {
  const plan = await listScenarios(options)
  for (const scenario of plan.toRun) {
    const problem = scenario.error ? `  (error: ${scenario.error.message})` : ''
    process.stdout.write(`${scenario.id}  ${scenario.name}${problem}\n`)
  }
  for (const scenario of plan.skipped) process.stdout.write(`${scenario.id}  ${scenario.name}  (skipped)\n`)
  return 0
}

/** Ctrl-C or SIGTERM: stop starting work, end every process we started, report what finished. */
function handleInterrupts(controller: AbortController): {
  exitCode: () => number | undefined
  dispose: () => void
} {
  let received: NodeJS.Signals | undefined
  const onSignal = (signal: NodeJS.Signals) => {
    if (received) return
    received = signal
    controller.abort()
    killAllParents('SIGKILL')
  }
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)
  return {
    exitCode: () => (received === 'SIGINT' ? 130 : received === 'SIGTERM' ? 143 : undefined),
    dispose: () => {
      process.off('SIGINT', onSignal)
      process.off('SIGTERM', onSignal)
    },
  }
}

async function runCommand(files: string[], flags: CliFlags): Promise<number> {
  const options = toRunOptions(files, flags)
  if (flags.list) return list(options)
  const root = findProjectRoot(process.cwd())
  if (root === undefined)
    throw new UsageError(`No package.json at or above ${process.cwd()}: run forkcheck inside a project.`)
  const specs = readReporters(flags, defaultReporterNames(process.env))
  const reporter = await createReporters(specs, { root, showEnvValues: options.showEnvValues ?? false })
  const controller = new AbortController()
  const interrupts = handleInterrupts(controller)
  try {
    const report = await runScenarios(options, { reporter, signal: controller.signal })
    return interrupts.exitCode() ?? suggestExitCode(report)
  } finally {
    interrupts.dispose()
  }
}

/** The `forkcheck` command: parses flags, runs, and returns the exit code (0, 1, or 2). */
export async function main(argv: string[] = process.argv): Promise<number> {
  const cli = cac('forkcheck')
  let exitCode = 0
  cli
    .command('[...files]', 'Run scenarios fork-like and spawn-like and compare the outcomes')
    .option('--reporter <name>', 'default, json, junit, github, or a module path (repeatable)')
    .option('--outputFile <path>', 'Write a file reporter there (or --outputFile.<reporter>=<path>)')
    .option('--timeout <ms>', 'Per-child timeout, overriding the scenarios’ own')
    .option('--concurrency <n>', 'Scenarios at once (default: CPU count)')
    .option('--repeat <n>', 'Runs of each mode')
    .option('--flaky <fail|warn>', 'Whether a flaky verdict fails the run (default: warn)')
    .option('--mode <fork|spawn>', 'Run one side only, for debugging')
    .option('-t, --testNamePattern <pattern>', 'Run only scenarios whose name matches')
    .option('--bail <n>', 'Stop starting scenarios after n failures')
    .option('--shard <index/count>', 'Run one share of the scenarios, e.g. 1/3')
    .option('--max-bisect-runs <n>', 'Extra child runs bisection may spend per scenario (default 40)')
    .option('--show-env-values', 'Show environment values in reproducer commands')
    .option('--list', 'List the scenarios that would run, then exit')
    .example('forkcheck')
    .example('forkcheck scenarios/db.scenario.ts --reporter json --outputFile report.json')
    .action(async (files: string[], flags: CliFlags) => {
      exitCode = await runCommand(files, flags)
    })
  cli.help()
  cli.version(version)
  try {
    cli.parse(argv, { run: false })
    if (cli.options.help || cli.options.version) return 0
    await cli.runMatchedCommand()
    return exitCode
  } catch (error) {
    return reportFailure(error)
  }
}

function reportFailure(error: unknown): number {
  const isUsage = error instanceof UsageError || (error instanceof Error && error.name === 'CACError')
  if (isUsage) {
    process.stderr.write(`forkcheck: ${(error as Error).message}\n`)
    return 2
  }
  process.stderr.write('forkcheck: internal error — this is a bug in forkcheck, please report it.\n')
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
  return 1
}
