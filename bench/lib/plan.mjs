// The whole bench as a list of blocks, decided before anything runs: one block per kind and size
// (one temp project), each with its runs; floor rounds are placed between runs.
import { concurrenciesFor, KINDS } from './kinds.mjs'

/** Blocks of { kind, size, warmUp, runs: [{ concurrency, env }] }, environments innermost. */
export function makePlan({ kinds, sizes, concurrencies }, envs) {
  let turn = 0
  // The first run in a fresh project may pay for caches the next one finds: no env always goes first.
  const ordered = () => (turn++ % 2 ? [...envs].reverse() : envs)
  return kinds.flatMap((kind) =>
    sizes.map((size) => ({
      kind,
      size,
      warmUp: Boolean(KINDS[kind].warmUp),
      runs: concurrenciesFor(kind, concurrencies).flatMap((concurrency) =>
        ordered().map((env) => ({ concurrency, env })),
      ),
    })),
  )
}

/**
 * How many floor rounds go before run i (i = run count means after the last run): spread evenly,
 * so the floor's median sees the same machine as the runs it divides.
 */
export function spreadFloorRounds(runCount, rounds) {
  const at = new Map()
  for (let round = 0; round < rounds; round++) {
    const index = rounds === 1 ? 0 : Math.round((round * runCount) / (rounds - 1))
    at.set(index, (at.get(index) ?? 0) + 1)
  }
  return at
}

export const countRuns = (plan) => plan.reduce((total, block) => total + block.runs.length, 0)

/** Every step the progress counter counts: runs, warm-up runs and floor rounds of every env. */
export function countSteps(plan, envCount, rounds) {
  return countRuns(plan) + plan.filter((block) => block.warmUp).length + rounds * envCount
}
