// forkcheck's cost against the process-start floor, measured in one run on this machine: CPU
// (user+sys, children included) and wall per scenario, as ratios to a floor measured in the same
// environment, for the environment as-is and without NODE_EXTRA_CA_CERTS. Reports; never asserts.
// Usage: node bench/run.mjs --help
import { availableParallelism, cpus, loadavg } from 'node:os'
import { relative } from 'node:path'
import { makeEnvs } from './lib/envs.mjs'
import { executePlan } from './lib/execute.mjs'
import { checkTimeTool, forwardInterrupts, Interrupted, interruptedExitCode } from './lib/measure.mjs'
import { parseOptions, USAGE, UsageError } from './lib/options.mjs'
import { makePlan } from './lib/plan.mjs'
import { elapsed } from './lib/progress.mjs'
import { removeProjects } from './lib/project.mjs'
import { formatReport } from './lib/report.mjs'

const SAFE_ARGUMENT = /^[\w@%+=:,./-]+$/

/** The command line as typed, quoted where a shell would need it. */
function describeCommandLine() {
  const [, script, ...args] = process.argv
  const words = [process.argv0, relative(process.cwd(), script) || script, ...args]
  return words
    .map((word) => (SAFE_ARGUMENT.test(word) ? word : `'${word.replaceAll("'", "'\\''")}'`))
    .join(' ')
}

const describeLoad = () => loadavg()[0].toFixed(2)

async function main(options) {
  checkTimeTool()
  forwardInterrupts()
  const { envs, note } = makeEnvs(options.envs)
  process.stderr.write(`${note}\n`)
  const context = {
    ...options,
    envNote: note,
    commandLine: describeCommandLine(),
    startedAt: new Date().toISOString(),
    machine: `${availableParallelism()} CPUs (${cpus()[0]?.model.trim() ?? 'unknown'})`,
  }
  const started = performance.now()
  const loadBefore = describeLoad()
  const measured = await executePlan(makePlan(options, envs), envs, options)
  context.took = elapsed(started)
  context.load = `${loadBefore} at the start, ${describeLoad()} at the end`
  console.log(formatReport(measured, context))
}

function run() {
  let options
  try {
    options = parseOptions(process.argv.slice(2))
  } catch (error) {
    if (!(error instanceof UsageError)) throw error
    console.error(`${error.message} (see --help)`)
    process.exit(2)
  }
  if (options.help) return console.log(USAGE)
  return main(options)
    .catch((error) => {
      if (!(error instanceof Interrupted)) throw error
      console.error(`interrupted (${error.message}): temp projects removed`)
    })
    .finally(() => {
      removeProjects()
      process.exitCode = interruptedExitCode() ?? process.exitCode
    })
}

await run()
