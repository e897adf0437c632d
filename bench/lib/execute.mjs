// Runs the plan: each block's project, its warm-up, its runs, and the floor rounds in between.
import { measureFloorRound, summarizeFloor } from './floors.mjs'
import { commandFor, findProblem, KINDS } from './kinds.mjs'
import { measure } from './measure.mjs'
import { countRuns, countSteps, spreadFloorRounds } from './plan.mjs'
import { makeProgress } from './progress.mjs'
import { makeProject, removeProject } from './project.mjs'

/** Resolves to { floors: Map(env name → floor summary), runs: [raw figures per run] }. */
export async function executePlan(plan, envs, { samples, rounds, concurrencies }) {
  const step = makeProgress(countSteps(plan, envs.length, rounds))
  const floorRounds = new Map(envs.map(({ name }) => [name, []]))
  const floorAt = spreadFloorRounds(countRuns(plan), rounds)
  const runFloorRounds = async (index) => {
    for (let round = floorAt.get(index) ?? 0; round > 0; round--) {
      for (const { name, env } of envs) {
        step(`${name}: floor round (${samples} pairs, ${samples} bare starts)`)
        floorRounds.get(name).push(await measureFloorRound(env, samples))
      }
    }
  }
  const runs = []
  for (const block of plan) {
    const dir = makeProject()
    try {
      KINDS[block.kind].write(dir, block.size)
      if (block.warmUp) await warmUp(block, dir, envs[0], Math.max(...concurrencies), step)
      for (const run of block.runs) {
        await runFloorRounds(runs.length)
        runs.push(await measureRun(block, run, dir, step))
      }
    } finally {
      removeProject(dir)
    }
  }
  await runFloorRounds(runs.length)
  const floors = new Map([...floorRounds].map(([name, measured]) => [name, summarizeFloor(measured)]))
  return { floors, runs }
}

async function warmUp(block, dir, { name, env }, concurrency, step) {
  step(`${name}: ${block.kind} ×${block.size}, warm-up run to fill the transpile cache (not measured)`)
  const [command, args] = commandFor(block.kind, dir, concurrency)
  const result = await measure(command, args, { cwd: dir, env })
  const problem = findProblem(block.kind, dir, block.size, result)
  if (problem) process.stderr.write(`  warm-up: ${problem}\n`)
}

async function measureRun({ kind, size }, { concurrency, env }, dir, step) {
  step(`${env.name}: ${kind} ×${size}, concurrency ${concurrency}`)
  const [command, args] = commandFor(kind, dir, concurrency)
  const result = await measure(command, args, { cwd: dir, env: env.env })
  const problem = findProblem(kind, dir, size, result)
  const run = {
    env: env.name,
    kind,
    size,
    concurrency,
    cpuMs: (result.cpu * 1000) / size,
    wallMs: (result.wall * 1000) / size,
    wallS: result.wall,
    rssMb: result.rssMb,
    problem,
  }
  process.stderr.write(
    `  ${run.cpuMs.toFixed(1)} ms CPU and ${run.wallMs.toFixed(1)} ms wall per scenario${problem ? `; ${problem}` : ''}\n`,
  )
  return run
}
