// forkcheck's cost against the process-start floor, measured in one run on this machine, in the
// harness's own environment. Prints CPU (user+sys) per scenario and ratios; never asserts.
// Usage: node bench/run.mjs [--sizes 10,100,500] [--kinds hookless,noprobes,parent,ts,vitest] [--concurrency 1,2]
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'

const repo = resolve(fileURLToPath(new URL('..', import.meta.url)))
const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10,100' },
    kinds: { type: 'string', default: 'hookless,noprobes,parent,ts,vitest' },
    concurrency: { type: 'string', default: '1,2' },
    samples: { type: 'string', default: '20' },
  },
})
const sizes = values.sizes.split(',').map(Number)
const kinds = values.kinds.split(',')
const concurrencies = values.concurrency.split(',').map(Number)
const samples = Number(values.samples)

/** Runs a command under /usr/bin/time; returns CPU seconds (user+sys, children included) and wall. */
function measure(command, args, cwd = repo) {
  const { stderr } = spawnSync('/usr/bin/time', ['-f', '@@%U %S %e %M', command, ...args], {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'ignore', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  })
  return parseTime(stderr)
}

function parseTime(stderr) {
  const line = stderr.split('\n').findLast((text) => text.startsWith('@@'))
  const [user, system, wall, rssKb] = line.slice(2).split(' ').map(Number)
  return { cpu: user + system, wall, rssMb: rssKb / 1024 }
}

function makeProject() {
  const dir = mkdtempSync(join(tmpdir(), 'forkcheck-bench-'))
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'bench', private: true, type: 'module' }))
  mkdirSync(join(dir, 'node_modules'))
  symlinkSync(repo, join(dir, 'node_modules', 'forkcheck'), 'dir')
  symlinkSync(join(repo, 'node_modules', 'vitest'), join(dir, 'node_modules', 'vitest'), 'dir')
  mkdirSync(join(dir, 'scenarios'))
  mkdirSync(join(dir, 'lib'))
  return dir
}

const SCENARIOS = {
  hookless: (index) => [
    `scenario-${index}.scenario.mjs`,
    `import { defineScenario } from 'forkcheck'\nexport default defineScenario({ child: () => ${index} * 2 })\n`,
  ],
  parent: (index) => [
    `scenario-${index}.scenario.mjs`,
    `import { defineScenario } from 'forkcheck'\nexport default defineScenario({\n  parent: () => ({ n: ${index} }),\n  child: ({ input }) => input.n * 2,\n})\n`,
  ],
  ts: (index) => [
    `scenario-${index}.scenario.ts`,
    `import { defineScenario } from 'forkcheck'\nimport { double } from '../lib/math.js'\nimport type { Shape } from '../lib/shape.js'\nconst shape: Shape = { side: ${index} }\nexport default defineScenario({ child: () => double(shape.side) })\n`,
  ],
}

function writeLib(dir) {
  writeFileSync(join(dir, 'lib', 'shape.ts'), 'export interface Shape { side: number }\n')
  writeFileSync(join(dir, 'lib', 'add.ts'), 'export const add = (a: number, b: number): number => a + b\n')
  writeFileSync(
    join(dir, 'lib', 'math.ts'),
    "import { add } from './add.js'\nexport function double(value: number): number {\n  return add(value, value)\n}\n",
  )
}

/** What a maintainer would write by hand: a vitest test that forks and spawns per function. */
function writeHandRolled(dir, size) {
  writeFileSync(
    join(dir, 'lib', 'worker.mjs'),
    'const n = Number(process.argv[2])\nconst result = JSON.stringify(n * 2)\nif (process.send) process.send(result, () => process.disconnect())\nelse process.stdout.write(result)\n',
  )
  const tests = Array.from(
    { length: size },
    (_, index) =>
      `  it('f${index}', async () => expect(await viaFork(${index})).toBe(await viaSpawn(${index})))`,
  )
  writeFileSync(
    join(dir, 'hand.test.mjs'),
    `import { fork, spawn } from 'node:child_process'
import { once } from 'node:events'
import { describe, expect, it } from 'vitest'
const worker = new URL('./lib/worker.mjs', import.meta.url).pathname
const clean = { PATH: process.env.PATH, HOME: process.env.HOME }
async function viaFork(n) {
  const child = fork(worker, [String(n)])
  const [message] = await once(child, 'message')
  return message
}
async function viaSpawn(n) {
  const child = spawn(process.execPath, [worker, String(n)], { env: clean })
  let out = ''
  child.stdout.on('data', (chunk) => { out += chunk })
  await once(child, 'close')
  return out
}
describe('by hand', () => {
${tests.join('\n')}
})
`,
  )
  writeFileSync(join(dir, 'vitest.config.mjs'), "export default { test: { include: ['hand.test.mjs'] } }\n")
}

function perScenario(result, size) {
  return { cpuMs: (result.cpu * 1000) / size, wallMs: (result.wall * 1000) / size }
}

const format = (number) => number.toFixed(1).padStart(8)

console.log(`forkcheck benchmark — node ${process.version}, ${samples} samples per floor`)
const bare = measure('sh', ['-c', `for i in $(seq ${samples}); do "${process.execPath}" -e 0; done`])
const bareMs = (bare.cpu * 1000) / samples
const floorRun = measure(process.execPath, [join(repo, 'bench', 'floor.mjs'), String(samples)])
const floorBase = measure(process.execPath, [join(repo, 'bench', 'floor.mjs'), '0'])
const pairMs = ((floorRun.cpu - floorBase.cpu) * 1000) / samples
console.log(
  `floor: bare node -e 0 = ${bareMs.toFixed(1)} ms CPU; empty cluster worker + clean spawn = ${pairMs.toFixed(1)} ms CPU`,
)
console.log('')
console.log('kind       size  conc  CPU/scen ms  floor ms   ratio  wall/scen ms  wall s   peak RSS MB')

for (const kind of kinds) {
  for (const size of sizes) {
    for (const concurrency of kind === 'vitest' ? [1] : concurrencies) {
      const dir = makeProject()
      try {
        let result
        let floor = pairMs
        if (kind === 'vitest') {
          writeHandRolled(dir, size)
          result = measure(process.execPath, [join(repo, 'node_modules', 'vitest', 'vitest.mjs'), 'run'], dir)
        } else {
          writeLib(dir)
          for (let index = 0; index < size; index++) {
            const [name, text] = SCENARIOS[kind === 'noprobes' ? 'hookless' : kind](index)
            writeFileSync(join(dir, 'scenarios', name), text)
          }
          if (kind === 'parent') floor = pairMs + bareMs
          const args = [
            join(repo, 'dist', 'cli', 'bin.js'),
            '--reporter',
            'json',
            '--outputFile',
            join(dir, 'report.json'),
            '--concurrency',
            String(concurrency),
          ]
          // `noprobes`: the hookless scenarios without read probes, to show what the probes cost.
          if (kind === 'noprobes') args.push('--no-probes')
          if (kind === 'ts') measure(process.execPath, args, dir) // first run fills the transpile cache
          result = measure(process.execPath, args, dir)
        }
        const { cpuMs, wallMs } = perScenario(result, size)
        console.log(
          `${kind.padEnd(9)} ${String(size).padStart(5)} ${String(concurrency).padStart(5)} ${format(cpuMs)}    ${format(floor)} ${(cpuMs / floor).toFixed(2).padStart(7)}x ${format(wallMs)}     ${result.wall.toFixed(1).padStart(6)} ${result.rssMb.toFixed(0).padStart(8)}`,
        )
      } finally {
        rmSync(dir, { recursive: true, force: true })
      }
    }
  }
}
