import { findCacheDir } from '../engine/cache-dir.js'
import { makeParentEnv } from '../engine/env.js'
import { ParentHost } from '../engine/parent-host.js'
import { UsageError } from '../errors.js'
import { TS_EXTENSION } from '../ts/format.js'
import type { ErrorInfo } from '../types.js'
import type { ForkcheckConfig } from './define.js'
import { displayPath } from './describe.js'
import { findConfigFile } from './find.js'
import { validateConfig } from './validate.js'

/** How long importing the config file may take. */
const LOAD_TIMEOUT_MS = 30_000

/** A config file found and checked: its options and where it lives. */
export interface LoadedConfig {
  file: string | undefined
  config: ForkcheckConfig
}

async function prepareTypeScriptConfig(file: string, root: string): Promise<string | undefined> {
  if (!TS_EXTENSION.test(file)) return undefined
  const cacheDir = findCacheDir(root)
  const { prepareTypeScript } = await import('../ts/transpile.js')
  prepareTypeScript([file], cacheDir)
  return cacheDir
}

function describeFailure(error: ErrorInfo): string {
  const where = error.at ? ` (at ${error.at})` : ''
  return `${error.name}: ${error.message.split('\n')[0]}${where}`
}

/**
 * Imports the config file in a short-lived parent process (the harness never runs user code) and
 * returns its default export as plain data. Every problem is a one-line UsageError naming the file.
 */
async function importConfig(file: string, root: string, where: string): Promise<unknown> {
  const tsCacheDir = await prepareTypeScriptConfig(file, root)
  const host = new ParentHost({ root, env: makeParentEnv(process.env), execArgv: [] })
  try {
    const answer = await host.request({ type: 'load-config', file, root, tsCacheDir }, LOAD_TIMEOUT_MS)
    if (answer?.type === 'config-failed') {
      throw new UsageError(`${where} could not be loaded: ${describeFailure(answer.error as ErrorInfo)}`)
    }
    if (answer?.type !== 'config-loaded') {
      const why = host.hasExited
        ? 'the process loading it exited'
        : `it did not load in ${LOAD_TIMEOUT_MS / 1000} s`
      throw new UsageError(`${where} could not be loaded: ${why}.`)
    }
    if (!answer.hasDefault) {
      throw new UsageError(`${where} has no default export: write \`export default defineConfig({ … })\`.`)
    }
    return answer.config
  } finally {
    host.kill()
  }
}

/**
 * Finds (or takes `explicit`), loads and validates the config file; no file means an empty config.
 *
 * @example
 * const { config } = await loadConfig({ cwd: process.cwd(), root: '/app' })
 */
export async function loadConfig({
  cwd,
  root,
  explicit,
}: {
  cwd: string
  root: string
  explicit?: string
}): Promise<LoadedConfig> {
  const file = findConfigFile(cwd, root, explicit)
  if (file === undefined) return { file, config: {} }
  const where = displayPath(cwd, file)
  return { file, config: validateConfig(await importConfig(file, root, where), where) }
}
