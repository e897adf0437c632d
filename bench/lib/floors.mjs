// The process-start floor, measured in rounds so one noisy moment on a shared machine cannot
// decide it: per round an empty cluster worker plus a clean spawn (floor.mjs, minus its own
// start), and a bare `node -e 0`.
import { join } from 'node:path'
import { measure } from './measure.mjs'
import { repo } from './paths.mjs'

const FLOOR_SCRIPT = join(repo, 'bench', 'floor.mjs')
const BARE_LOOP = 'i=0; while [ "$i" -lt "$1" ]; do "$0" -e 0 || exit 1; i=$((i + 1)); done'

/** One round under `env`: milliseconds per pair, per bare start, and of the floor's own start. */
export async function measureFloorRound(env, pairs) {
  const options = { cwd: repo, env }
  const base = checked(await measure(process.execPath, [FLOOR_SCRIPT, '0'], options))
  const full = checked(await measure(process.execPath, [FLOOR_SCRIPT, String(pairs)], options))
  const bare = checked(await measure('sh', ['-c', BARE_LOOP, process.execPath, String(pairs)], options))
  return {
    pairCpu: perUnit(full.cpu - base.cpu, pairs),
    pairWall: perUnit(full.wall - base.wall, pairs),
    bareCpu: perUnit(bare.cpu, pairs),
    bareWall: perUnit(bare.wall, pairs),
    baseCpu: perUnit(base.cpu, 1),
  }
}

function checked(result) {
  if (result.status !== 0) throw new Error(`a floor measurement exited ${result.status}:\n${result.stderr}`)
  return result
}

const perUnit = (seconds, count) => (seconds * 1000) / count

/** Median, minimum and maximum of every figure over the rounds. */
export function summarizeFloor(rounds) {
  const keys = Object.keys(rounds[0])
  return Object.fromEntries(keys.map((key) => [key, describe(rounds.map((round) => round[key]))]))
}

function describe(values) {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  const median = sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
  return { median, min: sorted[0], max: sorted.at(-1), count: sorted.length }
}

/** The floor a kind is compared with: a pair, plus a bare start when each scenario has a parent. */
export function floorFor(floor, withBareStart) {
  const extra = (key) => (withBareStart ? floor[key].median : 0)
  return {
    cpu: floor.pairCpu.median + extra('bareCpu'),
    wall: floor.pairWall.median + extra('bareWall'),
  }
}
