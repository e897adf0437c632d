import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { parseEnv } from 'node:util'
import { groupExecArgv } from '../attribution/delta.js'
import { type Place, relativize } from '../stack/call-sites.js'

const ENV_FILE_FLAGS = new Set(['--env-file', '--env-file-if-exists'])

/** The files a parent's `--env-file` flags name, in the order Node reads them. */
function envFilesOf(execArgv: string[]): string[] {
  const files: string[] = []
  for (const [word = '', value] of groupExecArgv(execArgv)) {
    // `--env-file=path`, or `--env-file path` (grouped into one entry).
    const [flag = '', inline] = word.split(/=(.*)/s)
    const file = inline ?? value
    if (ENV_FILE_FLAGS.has(flag) && file) files.push(file)
  }
  return files
}

function readEnvFile(path: string): { text: string; values: Record<string, string> } | undefined {
  try {
    const text = readFileSync(path, 'utf8')
    return { text, values: parseEnv(text) as Record<string, string> }
  } catch {
    return undefined
  }
}

/**
 * Where a parent got variables from `--env-file` (Node reads the file before any code runs, so no
 * probe sees the write): `env:NAME` → the line of the file that defines it, `path:line` from the
 * root, for each variable the parent was not started with and holds with the file's value. A later
 * file overrides an earlier one, as in Node; a variable the parent was started with is the
 * environment's, since Node never lets a file override it.
 */
export function findEnvFileWrites(
  execArgv: string[],
  root: string,
  startEnv: Record<string, string>,
  env: Record<string, string>,
): Record<string, Place> {
  const found: Record<string, Place> = {}
  for (const file of envFilesOf(execArgv)) {
    const path = resolve(root, file)
    const read = readEnvFile(path)
    if (read === undefined) continue
    const lines = read.text.split(/\r?\n/)
    for (const [name, value] of Object.entries(read.values)) {
      if (Object.hasOwn(startEnv, name) || env[name] !== value) continue
      const index = lines.findIndex((line) => isDefinitionOf(line, name))
      if (index !== -1) found[`env:${name}`] = { at: `${relativize(path, root)}:${index + 1}` }
    }
  }
  return found
}

function isDefinitionOf(line: string, name: string): boolean {
  let text = line.trimStart()
  if (text.startsWith('export ')) text = text.slice('export '.length).trimStart()
  return text.startsWith(name) && /^\s*=/.test(text.slice(name.length))
}
