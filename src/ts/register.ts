import module from 'node:module'
import { initialize, loadSync, resolveSync } from './hooks.js'

type RegisterHooks = (hooks: { resolve: typeof resolveSync; load: typeof loadSync }) => unknown

/**
 * Lets this process import TypeScript, with no loader flag in execArgv or NODE_OPTIONS (those
 * would be inherited state of forkcheck's own making). In-thread where Node has registerHooks.
 */
export function registerTypeScript(cacheDir: string): void {
  const registerHooks = (module as unknown as { registerHooks?: RegisterHooks }).registerHooks
  if (typeof registerHooks === 'function') {
    initialize({ cacheDir })
    registerHooks({ resolve: resolveSync, load: loadSync })
  } else {
    module.register('./hooks.js', import.meta.url, { data: { cacheDir } })
  }
}
