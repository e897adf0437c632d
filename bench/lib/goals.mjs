// The goals of issue 9, read from the runs of one environment. They are reported, never enforced:
// a shared 2-core machine is too noisy for a figure to fail anything.

const x = (ratio) => `${ratio.toFixed(2)}x`

/** The run a goal reads: the largest size of `kind`, at `concurrency` or the largest that ran. */
function pick(rows, kind, concurrency) {
  const ofKind = rows.filter(
    (row) => row.kind === kind && (concurrency ?? row.concurrency) === row.concurrency,
  )
  const largest = Math.max(...ofKind.map((row) => row.size))
  const atSize = ofKind.filter((row) => row.size === largest)
  return atSize.reduce((best, row) => (row.concurrency > best.concurrency ? row : best), atSize[0])
}

// A run whose scenarios did not all come out `same` says little about speed.
const isSuspect = (...rows) => rows.some((row) => row.problem)

const describeRun = (row) => `${row.kind} ×${row.size}, concurrency ${row.concurrency}`

function ratioGoal(kind, limit, floorName) {
  return {
    goal: `${kind} ≤ ${limit}x ${floorName} (CPU)`,
    read: (rows) => {
      const row = pick(rows, kind)
      return (
        row && {
          at: describeRun(row),
          value: x(row.cpuRatio),
          met: row.cpuRatio <= limit,
          suspect: isSuspect(row),
        }
      )
    },
  }
}

const belowHandRolled = {
  goal: 'hookless below the hand-rolled vitest ratio (CPU)',
  read: (rows) => {
    const [ours, theirs] = [pick(rows, 'hookless'), pick(rows, 'vitest')]
    if (!ours || !theirs) return undefined
    const at = `${describeRun(ours)}; vitest ×${theirs.size}`
    const value = `${x(ours.cpuRatio)} vs ${x(theirs.cpuRatio)}`
    return { at, value, met: ours.cpuRatio < theirs.cpuRatio, suspect: isSuspect(ours, theirs) }
  },
}

function scalingGoal(kind) {
  return {
    goal: `${kind}: wall at concurrency 2 ≤ 0.6x concurrency 1`,
    read: (rows) => {
      const [one, two] = [pick(rows, kind, 1), pick(rows, kind, 2)]
      if (!one || !two || one.size !== two.size) return undefined
      const ratio = two.wallMs / one.wallMs
      return { at: `${kind} ×${one.size}`, value: x(ratio), met: ratio <= 0.6, suspect: isSuspect(one, two) }
    },
  }
}

const GOALS = [
  ratioGoal('hookless', 1.15, 'the floor'),
  belowHandRolled,
  ratioGoal('parent', 1.25, 'its floor'),
  ratioGoal('ts', 1.4, 'the floor'),
  ...['hookless', 'noprobes', 'parent', 'ts'].map(scalingGoal),
]

/**
 * One entry per goal: its name, the run it read, and per environment the value and met/not met.
 * `unmeasured` names the goals that no selected kind, size or concurrency could answer.
 */
export function evaluateGoals(rows, envNames) {
  const evaluated = GOALS.map(({ goal, read }) => ({
    goal,
    perEnv: envNames.map((name) => read(rows.filter((row) => row.env === name))),
  }))
  return {
    goals: evaluated.filter(({ perEnv }) => perEnv.some(Boolean)),
    unmeasured: evaluated.filter(({ perEnv }) => !perEnv.some(Boolean)).map(({ goal }) => goal),
  }
}

export function describeVerdict(result) {
  if (!result) return 'not measured'
  return `${result.value} — ${result.met ? 'met' : 'not met'}${result.suspect ? ' (!)' : ''}`
}
