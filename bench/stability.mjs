// How often forkcheck cries wolf: runs the stability corpus (test/fixtures/stability, every scenario
// noisy and `expect: 'same'`) N times through the built CLI and counts false `differs` (goal 0) and
// `flaky` verdicts. With --noisy it also runs the bundled scenarios/noisy-* (noisy and mode-dependent)
// N times and counts the runs that missed their difference or its confirmed cause (goal 0).
// Usage: npm run build && node bench/stability.mjs [runs=20] [--noisy] [-- extra CLI flags]
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'

const repo = resolve(fileURLToPath(new URL('..', import.meta.url)))
const corpus = join(repo, 'test', 'fixtures', 'stability')
const bin = join(repo, 'dist', 'cli', 'bin.js')
/** The corpus scenario that is flaky by design: a Math.random token no normalization can know. */
const RANDOM = 'scenarios/random-token.scenario.ts#default'
const { values, positionals } = parseArgs({
  options: { noisy: { type: 'boolean', default: false } },
  allowPositionals: true,
})
const separator = process.argv.indexOf('--')
const extraFlags = separator === -1 ? [] : process.argv.slice(separator + 1)
const runs = Number(positionals[0] ?? 20)
if (!Number.isInteger(runs) || runs < 1) {
  console.error(`Expected the number of runs to be a positive integer, got \`${positionals[0]}\`.`)
  process.exit(2)
}
if (!existsSync(bin)) {
  console.error('dist/cli/bin.js is missing: run `npm run build` first.')
  process.exit(2)
}
linkForkcheck()

/** The corpus imports 'forkcheck' like users do (test/global-setup.ts makes the same link). */
function linkForkcheck() {
  const link = join(repo, 'test', 'fixtures', 'node_modules', 'forkcheck')
  if (existsSync(join(link, 'package.json'))) return
  rmSync(link, { force: true, recursive: true })
  mkdirSync(join(link, '..'), { recursive: true })
  symlinkSync(join('..', '..', '..'), link, 'dir')
}

/** One CLI run; its JSON report. */
function runCli(cwd, paths) {
  const dir = mkdtempSync(join(tmpdir(), 'forkcheck-stability-'))
  const file = join(dir, 'report.json')
  const args = [bin, '--reporter', 'json', `--outputFile.json=${file}`, ...extraFlags, ...paths]
  const started = performance.now()
  const result = spawnSync(process.execPath, args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
  const seconds = (performance.now() - started) / 1000
  try {
    return { report: JSON.parse(readFileSync(file, 'utf8')), seconds }
  } catch {
    throw new Error(`no report (exit ${result.status}): ${result.stderr}`)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** Verdict counts per scenario id, plus one line per surprising result. */
function tally(counts, report, judge) {
  const notes = []
  for (const scenario of report.scenarios) {
    const row = counts.get(scenario.id) ?? { same: 0, differs: 0, flaky: 0, error: 0, missed: 0 }
    row[scenario.verdict]++
    const note = judge(scenario)
    if (note) {
      row.missed++
      notes.push(`${scenario.id}: ${note}`)
    }
    counts.set(scenario.id, row)
  }
  return notes
}

/** Keeps the report of a surprising run, with every raw outcome, for a closer look. */
function keepReports(run, report) {
  const file = join(tmpdir(), `forkcheck-stability-run-${process.pid}-${run}.json`)
  writeFileSync(file, JSON.stringify(report, null, 2))
  return file
}

function describeVariations(scenario) {
  return (scenario.variations ?? []).map((v) => `${v.mode} ${v.path} ${v.counts.join('/')}`).join(', ')
}

function printTable(title, counts) {
  console.log(`\n${title}`)
  const width = Math.max(...[...counts.keys()].map((id) => id.length))
  console.log(`  ${'scenario'.padEnd(width)}  same differs flaky error`)
  for (const [id, row] of [...counts].sort()) {
    const cells = [row.same, row.differs, row.flaky, row.error].map((n, i) =>
      String(n).padStart([4, 7, 5, 5][i]),
    )
    console.log(`  ${id.padEnd(width)}  ${cells.join(' ')}`)
  }
}

const stability = new Map()
const noisy = new Map()
let seconds = 0
for (let run = 1; run <= runs; run++) {
  const corpusRun = runCli(corpus, [])
  seconds += corpusRun.seconds
  const notes = tally(stability, corpusRun.report, (scenario) => {
    if (scenario.verdict === 'differs')
      return `false differs at ${scenario.diffs?.map((d) => d.path).join(', ')}`
    if (scenario.verdict === 'error') return `error: ${scenario.error?.message}`
    return undefined
  })
  // Flaky is no false alarm, but which field varied tells whether normalization could have known.
  for (const scenario of corpusRun.report.scenarios.filter((s) => s.verdict === 'flaky' && s.id !== RANDOM)) {
    notes.push(`${scenario.id}: flaky (${describeVariations(scenario)})`)
  }
  if (values.noisy) {
    const noisyRun = runCli(repo, [join('scenarios', 'noisy-*.scenario.ts')])
    seconds += noisyRun.seconds
    notes.push(
      ...tally(noisy, noisyRun.report, (scenario) => {
        if (scenario.verdict !== 'differs')
          return `missed: ${scenario.verdict} (${describeVariations(scenario)})`
        if (!scenario.causes.some((cause) => cause.confirmed)) return 'differs without a confirmed cause'
        return undefined
      }),
    )
  }
  if (notes.length > 0) notes.push(`reports kept in ${keepReports(run, corpusRun.report)}`)
  console.log(`run ${run}/${runs}${notes.length ? `\n  ${notes.join('\n  ')}` : ': as expected'}`)
}

const sum = (counts, key) => [...counts.values()].reduce((total, row) => total + row[key], 0)
printTable('stability corpus (every scenario expects same)', stability)
if (values.noisy) printTable('noisy mode-dependent scenarios (every scenario expects differs)', noisy)
console.log(
  `\nfalse differs: ${sum(stability, 'differs')} in ${runs} runs of ${stability.size} scenarios (goal 0)`,
)
console.log(`flaky: ${sum(stability, 'flaky')}, errors: ${sum(stability, 'error')}`)
if (values.noisy)
  console.log(`noisy scenarios that missed their difference or cause: ${sum(noisy, 'missed')} (goal 0)`)
console.log(`CLI time: ${seconds.toFixed(1)} s, ${(seconds / runs).toFixed(1)} s per run`)
if (sum(stability, 'differs') + sum(stability, 'error') + sum(noisy, 'missed') > 0) process.exitCode = 1
