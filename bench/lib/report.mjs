// Turns the measured figures into the header, the floors, results and goals tables, as text or
// Markdown. Ratios are computed here, once every floor round of an environment is in.
import { floorFor } from './floors.mjs'
import { describeVerdict, evaluateGoals } from './goals.mjs'
import { KINDS } from './kinds.mjs'
import { left, renderMarkdown, renderText, right } from './tables.mjs'

const ms = (value) => value.toFixed(1)
const plural = (count, noun) => `${count} ${noun}${count === 1 ? '' : 's'}`
const spread = ({ median, min, max }) => `${ms(median)} (${ms(min)}–${ms(max)})`

/** Each run with the floor it is held to and its CPU and wall ratios. */
export function addRatios(runs, floors) {
  return runs.map((run) => {
    const floor = floorFor(floors.get(run.env), Boolean(KINDS[run.kind].bareStart))
    return { ...run, floor, cpuRatio: run.cpuMs / floor.cpu, wallRatio: run.wallMs / floor.wall }
  })
}

function floorsTable(floors) {
  return {
    title: 'Floors per environment: median (min–max) over the rounds, ms',
    columns: [
      left('env'),
      right('rounds'),
      right('pair CPU'),
      right('pair wall'),
      right('bare start CPU'),
      right('bare start wall'),
      right('floor.mjs 0 CPU'),
    ],
    rows: [...floors].map(([name, floor]) => [
      name,
      String(floor.pairCpu.count),
      spread(floor.pairCpu),
      spread(floor.pairWall),
      spread(floor.bareCpu),
      spread(floor.bareWall),
      spread(floor.baseCpu),
    ]),
  }
}

function resultsTable(rows) {
  return {
    title: 'Results per scenario (CPU = user+sys, children included)',
    columns: [
      left('env'),
      left('kind'),
      right('scenarios'),
      right('concurrency'),
      right('CPU ms'),
      right('floor CPU ms'),
      right('CPU ratio'),
      right('CPU over floor ms'),
      right('wall ms'),
      right('floor wall ms'),
      right('wall ratio'),
      right('run wall s'),
      right('peak RSS MB'),
    ],
    rows: rows.map((row) => [
      row.env,
      row.kind === 'vitest' ? 'vitest by hand' : row.kind,
      String(row.size),
      String(row.concurrency),
      ms(row.cpuMs),
      ms(row.floor.cpu),
      `${row.cpuRatio.toFixed(2)}x${row.problem ? ' (!)' : ''}`,
      ms(row.cpuMs - row.floor.cpu),
      ms(row.wallMs),
      ms(row.floor.wall),
      `${row.wallRatio.toFixed(2)}x`,
      row.wallS.toFixed(1),
      row.rssMb.toFixed(0),
    ]),
  }
}

function goalsTable(goals, envNames) {
  return {
    title: 'Goals (issue 9), at the largest size that ran; reported, never enforced',
    columns: [left('goal'), left('measured at'), ...envNames.map(left)],
    rows: goals.map(({ goal, perEnv }) => [goal, perEnv.find(Boolean).at, ...perEnv.map(describeVerdict)]),
  }
}

function describeCaCost(floors) {
  const [asIs, clean] = [floors.get('as-is'), floors.get('clean')]
  if (!asIs || !clean) return undefined
  const ratio = asIs.bareCpu.median / clean.bareCpu.median
  return `a bare start costs ${ratio.toFixed(2)}x as much CPU as-is as clean`
}

const EXPLANATIONS = [
  'floor = an empty cluster worker plus an empty clean spawn from a running parent (bench/floor.mjs N minus floor.mjs 0)',
  'parent is held to the floor plus one bare `node -e 0` start; the others to the floor',
  'CPU over floor = what forkcheck adds per scenario: unlike the ratio, it does not move with the floor',
  'wall ratio = wall per scenario / the floor wall per pair (the floor runs sequentially)',
  'ts: every measured run follows a warm-up run that filled the transpile cache',
  'vitest by hand: a vitest test that forks and clean-spawns per function and compares, at concurrency 1',
]

/** The whole report as one string, text or Markdown. */
export function formatReport(measured, context) {
  const rows = addRatios(measured.runs, measured.floors)
  const envNames = [...measured.floors.keys()]
  const { goals, unmeasured } = evaluateGoals(rows, envNames)
  const tables = [floorsTable(measured.floors), resultsTable(rows), goalsTable(goals, envNames)]
  const notes = [
    `environments: ${context.envNote}`,
    describeCaCost(measured.floors),
    `floor: ${plural(context.rounds, 'round')} of ${plural(context.samples, 'pair')} and ${plural(context.samples, 'bare start')} per environment, spread over the run`,
    ...EXPLANATIONS,
    ...rows.filter((row) => row.problem).map((row) => describeProblem(row)),
    unmeasured.length > 0
      ? `not measured (kind or concurrency not selected): ${unmeasured.join('; ')}`
      : undefined,
  ].filter(Boolean)
  return context.markdown ? asMarkdown(context, notes, tables) : asText(context, notes, tables)
}

const describeProblem = (row) =>
  `(!) ${row.env} ${row.kind} ×${row.size} concurrency ${row.concurrency}: ${row.problem}`

function headerLines(context, { withPath }) {
  const path = withPath ? ` (${process.execPath})` : ''
  return {
    node: `Node ${process.version}${path}, ${context.machine}`,
    command: context.commandLine,
    date: `date: ${context.startedAt}, took ${context.took}; load average ${context.load}`,
  }
}

function asText(context, notes, tables) {
  const { node, command, date } = headerLines(context, { withPath: true })
  const header = ['forkcheck benchmark', node, `command: ${command}`, date].join('\n')
  return [header, notes.map((note) => `- ${note}`).join('\n'), ...tables.map(renderText)].join('\n\n')
}

function asMarkdown(context, notes, tables) {
  const { node, command, date } = headerLines(context, { withPath: false })
  const header = [
    `### forkcheck benchmark, Node ${process.version}`,
    '',
    `- ${node}`,
    `- command: \`${command}\``,
    `- ${date}`,
  ]
  const list = notes.map((note) => `- ${note}`).join('\n')
  return [header.join('\n'), list, ...tables.map(renderMarkdown)].join('\n\n')
}
