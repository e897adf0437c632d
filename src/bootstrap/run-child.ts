import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { encodeError, encodeValue } from '../outcome/encode.js'
import { loadScenario } from '../scenario/load.js'
import { registerTypeScript } from '../ts/register.js'
import type { ScenarioSpec } from '../types.js'

// Runs one scenario's child() in this very process and prints its outcome as JSON: the end of a
// reproducer command (`env -i … node --require … run-child.js file#export`). No parent, no IPC.

const harnessDir = dirname(dirname(fileURLToPath(import.meta.url)))

async function main(args: string[]): Promise<number> {
  const loaderAt = args.indexOf('--loader')
  const loader = loaderAt >= 0 ? args[loaderAt + 1] : undefined
  const target = args.find((arg, index) => !arg.startsWith('--') && (loaderAt < 0 || index !== loaderAt + 1))
  if (!target) {
    process.stderr.write('usage: node run-child.js [--loader <module>] <scenario file>#<export>\n')
    return 2
  }
  const hash = target.indexOf('#')
  const file = hash < 0 ? target : target.slice(0, hash)
  const exportName = hash < 0 ? 'default' : target.slice(hash + 1)
  const absolute = resolve(file)
  const root = process.cwd()
  process.setSourceMapsEnabled(true)
  registerTypeScript(join(tmpdir(), 'forkcheck-ts-repro'))
  let spec: ScenarioSpec | undefined
  try {
    spec = await loadScenario(absolute, exportName, loader && resolve(loader))
  } catch {
    spec = undefined
  }
  if (typeof spec?.child !== 'function') {
    process.stderr.write(`forkcheck: ${file} has no scenario export \`${exportName}\`\n`)
    return 2
  }
  let outcome: object
  try {
    outcome = {
      status: 'returned',
      value: encodeValue(await spec.child({ input: undefined, worker: 0, workers: 1 })),
    }
  } catch (error) {
    outcome = { status: 'threw', error: encodeError(error, root, harnessDir) }
  }
  process.stdout.write(`${JSON.stringify(outcome, null, 2)}\n`)
  return 0
}

process.exitCode = await main(process.argv.slice(2))
