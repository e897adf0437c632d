import { createRequire } from 'node:module'
import { cac } from 'cac'
import { UsageError } from '../errors.js'
import { type CliFlags, listSwitches, pinSwitches, readSwitches } from './flags.js'
import { formatHelp } from './help.js'
import { listCommand, runCommand } from './run-command.js'
import { setUpCli } from './setup.js'

const { version } = createRequire(import.meta.url)('../../package.json') as { version: string }

function checkMergeFlags(files: string[], flags: CliFlags): void {
  const clash =
    files.length > 0 ? 'scenario files' : flags.list ? '--list' : flags.shard ? '--shard' : undefined
  if (clash) throw new UsageError(`--merge-reports combines finished reports: it takes no ${clash}.`)
}

async function dispatch(files: string[], flags: CliFlags): Promise<number> {
  if (flags.mergeReports !== undefined) checkMergeFlags(files, flags)
  const setup = await setUpCli(flags)
  if (flags.mergeReports !== undefined) {
    // Imported on demand, like the reporters: a run that merges nothing does not load it.
    const { mergeCommand } = await import('./merge-command.js')
    return mergeCommand(String(flags.mergeReports), flags, setup)
  }
  if (flags.list) return listCommand(files, flags, setup)
  return runCommand(files, flags, setup)
}

/** The `forkcheck` command: parses flags, runs, and returns the exit code (0, 1, or 2). */
export async function main(argv: string[] = process.argv): Promise<number> {
  const cli = cac('forkcheck')
  let exitCode = 0
  const command = cli
    .command('[...files]', 'Run scenarios fork-like and spawn-like and compare the outcomes')
    .usage('[files, folders or globs…] [flags]')
    .option(
      '--config <path>',
      'Use this config file (default: forkcheck.config.* from the cwd up to the root)',
    )
    .option('--reporter <name>', 'default, json, junit, github, or a module path (repeatable)')
    .option('--outputFile <path>', 'Write a file reporter there (or --outputFile.<reporter>=<path>)')
    .option('--timeout <ms>', 'Per-child timeout, overriding the scenarios’ own')
    .option('--concurrency <n>', 'Scenarios at once (default: CPU count)')
    .option('--repeat <n>', 'Runs of each mode')
    .option('--flaky <fail|warn>', 'Whether a flaky verdict fails the run (default: warn)')
    .option('--mode <fork|spawn>', 'Run one side only, for debugging')
    .option('-t, --testNamePattern <pattern>', 'Run only scenarios whose name or id matches')
    .option('--bail <n>', 'Stop starting scenarios after n failures')
    .option('--shard <index/count>', 'Run one share of the scenarios, e.g. 1/3')
    .option('--merge-reports <dir>', 'Combine the JSON reports in dir (from shards) and report them')
    .option('--baseline <path>', 'Known differences file (default: forkcheck.baseline.json in the root)')
    .option('--update-baseline', 'Write the current failing differences to the baseline file')
    .option('--max-bisect-runs <n>', 'Extra child runs bisection may spend per scenario (default 40)')
    // Declared positive: cac prints `(default: true)` after a --no- option, which reads as on.
    .option(
      '--probes',
      'Record reads (on; --no-probes skips them to measure their cost, and causes lack read-at lines)',
    )
    .option('--show-env-values', 'Show environment values in reproducer commands')
    .option('--list', 'List the scenarios that would run, then exit')
    .example('forkcheck')
    .example('forkcheck scenarios/db.scenario.ts --reporter json --outputFile report.json')
    .example('forkcheck --shard 1/2 --reporter json --outputFile reports/1.json')
    .example('forkcheck --merge-reports reports')
    .action(async (files: string[], flags: CliFlags) => {
      exitCode = await dispatch(files, readSwitches(flags, switches))
    })
  const switches = listSwitches(command.options)
  cli.help((sections) => formatHelp(sections, { description: command.description, switches }))
  cli.version(version)
  try {
    cli.parse(pinSwitches(argv, switches), { run: false })
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
