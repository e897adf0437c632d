import { readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { toJson } from '../channel/json.js'
import { encodeError, encodeValue } from '../outcome/encode.js'
import { loadScenario } from '../scenario/load.js'
import { registerTypeScript } from '../ts/register.js'
import type { ScenarioSpec } from '../types.js'
import { decodeInput } from './input.js'

// Runs one scenario's child() in this very process and prints its outcome as JSON: the end of a
// reproducer command (`env -i … node --require … run-child.js file#export`). No parent, no IPC;
// parent()'s result comes from the file the harness saved it to (`--input`).

const harnessDir = dirname(dirname(fileURLToPath(import.meta.url)))

const USAGE = 'usage: node run-child.js [--loader <module>] [--input <file>] <scenario file>#<export>\n'

/** What the command line asks for: its `--name value` options and the one positional argument. */
interface RunChildArgs {
  loader?: string
  input?: string
  target?: string
}

/** Parses the arguments; undefined when they do not fit USAGE. */
function parseArgs(args: string[]): RunChildArgs | undefined {
  const parsed: RunChildArgs = {}
  for (let index = 0; index < args.length; index++) {
    const arg = args[index]!
    if (arg === '--loader' || arg === '--input') {
      const value = args[++index]
      if (value === undefined) return undefined
      parsed[arg === '--loader' ? 'loader' : 'input'] = value
    } else if (arg.startsWith('--') || parsed.target !== undefined) return undefined
    else parsed.target = arg
  }
  return parsed
}

/** parent()'s result as the harness saved it for this command. */
function readInput(file: string | undefined): { input: unknown } | { error: string } {
  if (file === undefined) return { input: undefined }
  try {
    return { input: decodeInput(readFileSync(file, 'utf8')) }
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    return {
      error: `forkcheck: cannot read parent()'s saved result ${file} (${reason}): run forkcheck again to save it\n`,
    }
  }
}

async function main(args: string[]): Promise<number> {
  const parsed = parseArgs(args)
  const target = parsed?.target
  if (!target) {
    process.stderr.write(USAGE)
    return 2
  }
  const { loader } = parsed
  const read = readInput(parsed.input)
  if ('error' in read) {
    process.stderr.write(read.error)
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
      value: encodeValue(await spec.child({ input: read.input, worker: 0, workers: 1 })),
    }
  } catch (error) {
    outcome = { status: 'threw', error: encodeError(error, root, harnessDir) }
  }
  process.stdout.write(`${toJson(outcome, 2)}\n`)
  return 0
}

process.exitCode = await main(process.argv.slice(2))
