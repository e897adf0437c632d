import { pathToFileURL } from 'node:url'
import type { Message } from '../channel/frames.js'
import { encodeError, encodeValue } from '../outcome/encode.js'

/**
 * Runs in a parent process, never in the harness: imports a config file (user code) and answers
 * with its default export as plain data (functions and other non-data arrive tagged, for messages).
 */
export async function importConfigFile(file: string, root: string, harnessDir: string): Promise<Message> {
  let namespace: Record<string, unknown>
  try {
    namespace = (await import(pathToFileURL(file).href)) as Record<string, unknown>
  } catch (error) {
    return { type: 'config-failed', error: encodeError(error, root, harnessDir) }
  }
  if (!('default' in namespace)) return { type: 'config-loaded', hasDefault: false }
  return { type: 'config-loaded', hasDefault: true, config: encodeValue(compiledDefault(namespace.default)) }
}

/**
 * The default export of a module compiled from ESM to CommonJS (TypeScript in a CommonJS
 * package): its `module.exports` is `{ __esModule: true, default: … }`, which Node imports whole.
 */
function compiledDefault(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value
  const exports = value as { __esModule?: unknown; default?: unknown }
  return exports.__esModule === true && 'default' in exports ? exports.default : value
}
