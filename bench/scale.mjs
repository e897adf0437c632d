// The harness's memory and wall time as the number of scenarios grows. Generates N trivial
// scenarios in a temp project, runs the built CLI on them with the json reporter, and prints the
// CLI process's peak RSS (VmHWM, sampled from /proc) and wall time per size. Never asserts.
// A probe reporter records when each result reaches the reporters (streamed, not at the end) and
// the harness's heap after each one. Needs `npm run build` first; Linux (/proc).
// Usage: node bench/scale.mjs [--sizes 100,1000] [--concurrency 2]
import { spawn } from 'node:child_process'
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { availableParallelism, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'

const repo = resolve(fileURLToPath(new URL('..', import.meta.url)))
const bin = join(repo, 'dist', 'cli', 'bin.js')
const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '100,1000' },
    concurrency: { type: 'string', default: String(availableParallelism()) },
  },
})
const sizes = values.sizes.split(',').map(Number)

// Records, for each finished scenario, when it reached the reporters and the harness's heap then.
const PROBE_REPORTER = `import { writeFileSync } from 'node:fs'
const started = Date.now()
const ends = []
export default {
  onScenarioEnd() { ends.push([Date.now() - started, process.memoryUsage().heapUsed]) },
  onRunEnd() { writeFileSync(new URL('./probe.json', import.meta.url), JSON.stringify({ total: Date.now() - started, ends })) },
}
`

function makeProject(size) {
  const dir = mkdtempSync(join(tmpdir(), 'forkcheck-scale-'))
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'scale', private: true, type: 'module' }))
  mkdirSync(join(dir, 'node_modules'))
  symlinkSync(repo, join(dir, 'node_modules', 'forkcheck'), 'dir')
  writeFileSync(join(dir, 'probe-reporter.mjs'), PROBE_REPORTER)
  mkdirSync(join(dir, 'scenarios'))
  for (let index = 0; index < size; index++) {
    writeFileSync(
      join(dir, 'scenarios', `s${String(index).padStart(4, '0')}.scenario.mjs`),
      `import { defineScenario } from 'forkcheck'\nexport default defineScenario({ child: () => ({ index: ${index} }) })\n`,
    )
  }
  return dir
}

function readPeakKb(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    return Number(/^VmHWM:\s+(\d+)/m.exec(status)?.[1] ?? 0)
  } catch {
    return 0
  }
}

/** Pids of the CLI's parent processes (its direct children running the parent bootstrap). */
function findParents(cliPid) {
  const found = []
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
      if (ppid === cliPid && readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes('bootstrap/parent.js'))
        found.push(Number(entry))
    } catch {
      // Ended while we looked.
    }
  }
  return found
}

/** Runs the CLI; samples its VmHWM (a high-water mark, so the last sample is the peak so far). */
function runCli(dir, concurrency) {
  return new Promise((done) => {
    const started = performance.now()
    const args = [
      bin,
      '--concurrency',
      concurrency,
      '--reporter',
      'json',
      '--outputFile',
      join(dir, 'report.json'),
    ]
    const cli = spawn(process.execPath, [...args, '--reporter', './probe-reporter.mjs'], {
      cwd: dir,
      stdio: ['ignore', 'ignore', 'pipe'],
    })
    let stderr = ''
    cli.stderr.on('data', (chunk) => {
      stderr += chunk
    })
    let peakKb = 0
    let parentPeakKb = 0
    const sampler = setInterval(() => {
      peakKb = Math.max(peakKb, readPeakKb(cli.pid))
    }, 20)
    // Shared parents serve many scenarios each: their peak must not grow with N either.
    const parentSampler = setInterval(() => {
      for (const pid of findParents(cli.pid)) parentPeakKb = Math.max(parentPeakKb, readPeakKb(pid))
    }, 250)
    cli.on('exit', (code) => {
      clearInterval(sampler)
      clearInterval(parentSampler)
      done({ code, stderr, peakKb, parentPeakKb, wall: (performance.now() - started) / 1000 })
    })
  })
}

const mb = (kb) => `${(kb / 1024).toFixed(1)} MB`
const rows = []
for (const size of sizes) {
  const dir = makeProject(size)
  try {
    const run = await runCli(dir, values.concurrency)
    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'))
    const probe = JSON.parse(readFileSync(join(dir, 'probe.json'), 'utf8'))
    const [firstAt] = probe.ends[0]
    const heaps = probe.ends.map(([, heap]) => heap)
    const tenth = Math.max(1, Math.floor(heaps.length / 10))
    const heapEarly = heaps.slice(0, tenth).reduce((a, b) => a + b, 0) / tenth
    const heapLate = heaps.slice(-tenth).reduce((a, b) => a + b, 0) / tenth
    rows.push({ size, run, report, probe, firstAt, heapEarly, heapLate })
    console.log(
      `${String(size).padStart(5)} scenarios: exit ${run.code}, ${report.summary.same} same, wall ${run.wall.toFixed(1)} s, ` +
        `harness peak RSS ${mb(run.peakKb)} (largest parent process ${mb(run.parentPeakKb)}); first result reached the reporters at ${(firstAt / 1000).toFixed(1)} s ` +
        `of ${(probe.total / 1000).toFixed(1)} s; heap after the first/last tenth ${mb(heapEarly / 1024)} → ${mb(heapLate / 1024)}`,
    )
    if (run.code !== 0) console.log(run.stderr.slice(-2000))
    for (const scenario of report.scenarios.filter((result) => result.verdict !== 'same')) {
      const errors = [...scenario.outcomes.fork.flat(), ...scenario.outcomes.spawn.flat()].flatMap(
        (outcome) => (outcome.error ? [outcome.error] : []),
      )
      const details = {
        diffs: scenario.diffs,
        variations: scenario.variations,
        error: scenario.error,
        errors,
      }
      console.log(`  not same: ${scenario.id} ${scenario.verdict} ${JSON.stringify(details)}`)
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
if (rows.length >= 2) {
  const [small, large] = [rows[0], rows.at(-1)]
  const perScenarioKb = (large.run.peakKb - small.run.peakKb) / (large.size - small.size)
  console.log(
    `peak RSS ${mb(small.run.peakKb)} → ${mb(large.run.peakKb)} (×${(large.run.peakKb / small.run.peakKb).toFixed(2)} ` +
      `for ×${large.size / small.size} scenarios, ${perScenarioKb.toFixed(1)} KB per extra scenario); ` +
      `wall per scenario ${((small.run.wall / small.size) * 1000).toFixed(0)} ms → ${((large.run.wall / large.size) * 1000).toFixed(0)} ms`,
  )
}
