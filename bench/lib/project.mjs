// Temp projects for the bench: a package.json, forkcheck and vitest linked in, and the files of
// one kind of scenario. Every project made is removed by removeProjects, also on interrupt.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { repo } from './paths.mjs'

const made = new Set()

export function makeProject() {
  const dir = mkdtempSync(join(tmpdir(), 'forkcheck-bench-'))
  made.add(dir)
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'bench', private: true, type: 'module' }))
  mkdirSync(join(dir, 'node_modules'))
  symlinkSync(repo, join(dir, 'node_modules', 'forkcheck'), 'dir')
  symlinkSync(join(repo, 'node_modules', 'vitest'), join(dir, 'node_modules', 'vitest'), 'dir')
  mkdirSync(join(dir, 'scenarios'))
  mkdirSync(join(dir, 'lib'))
  return dir
}

export function removeProject(dir) {
  rmSync(dir, { recursive: true, force: true })
  made.delete(dir)
}

export function removeProjects() {
  for (const dir of made) removeProject(dir)
}

/** Writes `size` scenario files, each made by `makeScenario(index)` as [file name, text]. */
export function writeScenarios(dir, size, makeScenario) {
  for (let index = 0; index < size; index++) {
    const [name, text] = makeScenario(index)
    writeFileSync(join(dir, 'scenarios', name), text)
  }
}

export const hooklessScenario = (index) => [
  `scenario-${index}.scenario.mjs`,
  `import { defineScenario } from 'forkcheck'\nexport default defineScenario({ child: () => ${index} * 2 })\n`,
]

export const parentScenario = (index) => [
  `scenario-${index}.scenario.mjs`,
  `import { defineScenario } from 'forkcheck'\nexport default defineScenario({\n  parent: () => ({ n: ${index} }),\n  child: ({ input }) => input.n * 2,\n})\n`,
]

export const tsScenario = (index) => [
  `scenario-${index}.scenario.ts`,
  `import { defineScenario } from 'forkcheck'\nimport { double } from '../lib/math.js'\nimport type { Shape } from '../lib/shape.js'\nconst shape: Shape = { side: ${index} }\nexport default defineScenario({ child: () => double(shape.side) })\n`,
]

/** The local TypeScript modules the ts scenarios import. */
export function writeTsLib(dir) {
  writeFileSync(join(dir, 'lib', 'shape.ts'), 'export interface Shape { side: number }\n')
  writeFileSync(join(dir, 'lib', 'add.ts'), 'export const add = (a: number, b: number): number => a + b\n')
  writeFileSync(
    join(dir, 'lib', 'math.ts'),
    "import { add } from './add.js'\nexport function double(value: number): number {\n  return add(value, value)\n}\n",
  )
}

/** What a maintainer would write by hand: a vitest test that forks and spawns per function. */
export function writeHandRolled(dir, size) {
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
