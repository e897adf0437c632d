import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { encodeError, encodeValue } from '../outcome/encode.js'
import { registerTypeScript } from '../ts/register.js'
import type { ScenarioSpec } from '../types.js'

// Runs one scenario's child() in this very process and prints its outcome as JSON: the end of a
// reproducer command (`env -i … node --require … run-child.js file#export`). No parent, no IPC.

const harnessDir = dirname(dirname(fileURLToPath(import.meta.url)))

async function main(target: string | undefined): Promise<number> {
  if (!target) {
    process.stderr.write('usage: node run-child.js <scenario file>#<export>\n')
    return 2
  }
  const [file = '', exportName = 'default'] = target.split('#')
  const absolute = resolve(file)
  const root = process.cwd()
  process.setSourceMapsEnabled(true)
  registerTypeScript(join(tmpdir(), 'forkcheck-ts-repro'))
  const namespace = (await import(pathToFileURL(absolute).href)) as Record<string, ScenarioSpec | undefined>
  const spec = namespace[exportName]
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

process.exitCode = await main(process.argv[2])
