// Measures what a scenario() test costs against a CLI run of the same scenario, on the `cost`
// fixture: wall time and CPU (this process's children included), medians of a few alternating runs.
// Usage: node test/vitest-scenarios/measure-cost.mjs [runs]   (after `npm run build`)
import { spawnSync } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const root = join(repo, 'test', 'fixtures', 'vitest-scenarios', 'cost')
const runs = Number(process.argv[2] ?? 3)
const cli = [join(repo, 'dist', 'cli', 'bin.js')]
const vitest = [join(repo, 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--root', root]
const env = Object.fromEntries(
  Object.entries(process.env).filter(
    ([key]) => !/^(VITEST|VITE_|TINYPOOL|__VITEST)/.test(key) && key !== 'NODE_ENV',
  ),
)

const cases = {
  'cli: 1 scenario': [...cli, 'scenarios/one.scenario.ts'],
  'cli: 4 scenarios': [...cli, 'scenarios/four.scenario.ts'],
  'vitest: 1 plain test': [...vitest, 'test/plain.test.ts'],
  'vitest: 1 scenario()': [...vitest, 'test/one.test.ts'],
  'vitest: 4 scenario()': [...vitest, 'test/four.test.ts'],
}

/** Wall and CPU seconds of one command, its children included (GNU time). */
function run(args) {
  const { stderr } = spawnSync('/usr/bin/time', ['-f', 'TIME %e %U %S', process.execPath, ...args], {
    cwd: root,
    env,
    encoding: 'utf8',
  })
  const [, wall, user, system] = /TIME ([\d.]+) ([\d.]+) ([\d.]+)/.exec(stderr) ?? []
  if (wall === undefined) throw new Error(`could not time ${args.join(' ')}:\n${stderr}`)
  return { wall: Number(wall), cpu: Number(user) + Number(system) }
}

const median = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]
const samples = Object.fromEntries(Object.keys(cases).map((name) => [name, []]))
for (let index = 0; index < runs; index++) {
  for (const [name, args] of Object.entries(cases)) samples[name].push(run(args))
}
const result = {}
for (const [name, list] of Object.entries(samples)) {
  result[name] = { wall: median(list.map((s) => s.wall)), cpu: median(list.map((s) => s.cpu)) }
  console.log(
    `${name.padEnd(24)} wall ${result[name].wall.toFixed(2)} s   cpu ${result[name].cpu.toFixed(2)} s`,
  )
}
const per = (a, b, n) => ({
  wall: (result[a].wall - result[b].wall) / n,
  cpu: (result[a].cpu - result[b].cpu) / n,
})
const cliOne = per('cli: 4 scenarios', 'cli: 1 scenario', 3)
const vitestOne = per('vitest: 4 scenario()', 'vitest: 1 scenario()', 3)
const vitestFirst = per('vitest: 1 scenario()', 'vitest: 1 plain test', 1)
console.log(
  `\nmarginal scenario, CLI       wall ${cliOne.wall.toFixed(2)} s   cpu ${cliOne.cpu.toFixed(2)} s`,
)
console.log(
  `marginal scenario(), vitest  wall ${vitestOne.wall.toFixed(2)} s   cpu ${vitestOne.cpu.toFixed(2)} s`,
)
console.log(
  `first scenario() in a file   wall ${vitestFirst.wall.toFixed(2)} s   cpu ${vitestFirst.cpu.toFixed(2)} s`,
)
console.log(
  `ratio vitest/CLI per scenario: wall ${(vitestOne.wall / cliOne.wall).toFixed(1)}x   cpu ${(vitestOne.cpu / cliOne.cpu).toFixed(1)}x`,
)
