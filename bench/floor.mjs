// The irreducible cost of one scenario: an empty cluster worker plus an empty clean spawn,
// started from an already running parent. Usage: node bench/floor.mjs <pairs>
import { spawn } from 'node:child_process'
import cluster from 'node:cluster'
import { once } from 'node:events'
import { fileURLToPath } from 'node:url'

const pairs = Number(process.argv[2] ?? 10)
const empty = fileURLToPath(new URL('./empty-child.mjs', import.meta.url))
const cleanEnv = Object.fromEntries(
  ['PATH', 'HOME', 'TMPDIR', 'TMP', 'TEMP']
    .filter((key) => process.env[key] !== undefined)
    .map((key) => [key, process.env[key]]),
)

cluster.setupPrimary({ exec: empty, args: [], silent: true })
for (let index = 0; index < pairs; index++) {
  const worker = cluster.fork()
  await once(worker, 'exit')
  const child = spawn(process.execPath, [empty], { env: cleanEnv, stdio: 'pipe' })
  await once(child, 'exit')
}
