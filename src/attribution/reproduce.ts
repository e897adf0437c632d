import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { isAbsolute, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { realPathOr } from '../discover/real-path.js'
import type { DeltaItem } from './delta.js'

const RUN_CHILD = fileURLToPath(new URL('../bootstrap/run-child.js', import.meta.url))
const SHELL_SAFE = /^[\w@%+=:,./-]+$/
/** The running forkcheck's package folder (the one above dist/). */
const PACKAGE_DIR = fileURLToPath(new URL('../..', import.meta.url))
/** Per project root: forkcheck's folder as the project reaches it (see `harnessFolderFor`). */
const harnessFolders = new Map<string, string>()

/**
 * The running forkcheck's folder as the project reaches it: `forkcheck` in the first folder Node's
 * lookup from the root holds one in, when that is this copy. Under pnpm, `npm link` or a workspace
 * it is a symlink, and the command stays `node node_modules/forkcheck/…` instead of a store path.
 * Any other copy (an npx cache, a global install) is named by its own path.
 */
function harnessFolderFor(root: string): string {
  let folder = harnessFolders.get(root)
  if (folder === undefined) {
    const lookup = createRequire(join(root, 'package.json')).resolve.paths('forkcheck') ?? []
    const nearest = lookup.map((dir) => join(dir, 'forkcheck')).find((candidate) => existsSync(candidate))
    const isThisCopy = nearest !== undefined && realPathOr(nearest, '') === realPathOr(PACKAGE_DIR, '')
    folder = isThisCopy ? nearest : PACKAGE_DIR
    harnessFolders.set(root, folder)
  }
  return folder
}

/** A file of forkcheck's own, through the folder the project reaches forkcheck by. */
function harnessFile(path: string, root: string): string {
  const inside = relative(PACKAGE_DIR, path)
  if (inside.startsWith('..') || isAbsolute(inside)) return path
  return join(harnessFolderFor(root), inside)
}

function quote(text: string): string {
  return SHELL_SAFE.test(text) ? text : `'${text.replaceAll("'", "'\\''")}'`
}

export interface ReproducerInput {
  causes: DeltaItem[]
  root: string
  /** The scenario file relative to the root, and its export. */
  file: string
  exportName: string
  forkEnv: Record<string, string>
  /** The shell's own environment: a cause it holds is referenced (`NAME="$NAME"`), not printed. */
  harnessEnv: Record<string, string | undefined>
  /** The spawn-like child's whole env (the allow-list, `allowEnv`, `ignoreEnv`, declared env). */
  spawnEnv: Record<string, string>
  /** Flags every child gets. */
  childExecArgv: string[]
  parentCwd: string
  showEnvValues: boolean
  /** A loader module for files a plain import cannot load (vitest test files). */
  loader?: string
  /** Where parent()'s result was saved for run-child.js; `false` when it could not be saved. */
  inputFile?: string | false
}

/**
 * A shell command, run from the project root, that runs the scenario's child() in a clean process
 * with only the causes added: `env -i PATH="$PATH" HOME="$HOME" NAME=<redacted> node … run-child.js`
 * (the spawn-like child's env, then the causes),
 * and with parent()'s result, as every child gets it, read from the file it was saved to. Values are
 * redacted unless asked for. IPC and cluster causes cannot come from a shell: they are named.
 */
export function makeReproducer(input: ReproducerInput): { command: string; missing: string[] } {
  const env: string[] = []
  const flags: string[] = [...input.childExecArgv]
  const missing: string[] = []
  let cwd: string | undefined
  const value = (name: string, raw: string | undefined) => {
    if (raw === undefined) return undefined
    if (input.showEnvValues) return quote(raw)
    return input.harnessEnv[name] === raw ? `"$${name}"` : "'<redacted>'"
  }
  const causeNames = new Set(input.causes.map((item) => (item.kind === 'env' ? item.name : undefined)))
  for (const [name, raw] of Object.entries(input.spawnEnv)) {
    if (causeNames.has(name)) continue
    // What the shell has is referenced even with values shown: `PATH="$PATH"`, not the whole PATH.
    env.push(`${name}=${input.harnessEnv[name] === raw ? `"$${name}"` : value(name, raw)}`)
  }
  for (const item of input.causes) {
    if (item.kind === 'env' && item.name !== undefined) {
      const shown = value(item.name, input.forkEnv[item.name])
      if (shown !== undefined) env.push(`${item.name}=${shown}`)
    } else if (item.kind === 'execArgv') flags.push(...(item.args ?? []).map(quote))
    else if (item.kind === 'cwd') cwd = relative(input.root, input.parentCwd)
    else missing.push(item.kind === 'ipc' ? 'the IPC channel' : 'the cluster worker role')
  }
  if (input.inputFile === false) missing.push("parent()'s result (it could not be saved)")
  const relativeTo = (path: string) => relative(cwd === undefined ? input.root : input.parentCwd, path)
  const from = (path: string) => quote(relativeTo(path))
  /** A file inside the project as the command reaches it; one outside it (a temp folder) as is. */
  const fromProject = (path: string) => {
    const inside = relative(input.root, path)
    return inside.startsWith('..') || isAbsolute(inside) ? quote(path) : from(path)
  }
  /** forkcheck's file through a node_modules folder (maybe above a workspace package) as reached from there; another copy (a checkout run by its path) as is. */
  const fromHarness = (path: string) => (path.includes('/node_modules/') ? from(path) : fromProject(path))
  const parts = [
    ...(cwd ? [`cd ${quote(cwd)} &&`] : []),
    'env -i',
    ...env,
    'node',
    ...flags,
    fromHarness(harnessFile(RUN_CHILD, input.root)),
    ...(input.loader ? ['--loader', fromHarness(harnessFile(input.loader, input.root))] : []),
    ...(input.inputFile ? ['--input', fromProject(input.inputFile)] : []),
    quote(`${relativeTo(`${input.root}/${input.file}`)}#${input.exportName}`),
  ]
  return { command: parts.join(' '), missing }
}
