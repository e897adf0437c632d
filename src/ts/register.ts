import module from 'node:module'
import { initialize, loadSync, readTranspiled, resolveSync } from './hooks.js'

type RegisterHooks = (hooks: { resolve: typeof resolveSync; load: typeof loadSync }) => unknown
type CompilableModule = { _compile(source: string, filename: string): unknown }
type Extensions = Record<string, (module: CompilableModule, filename: string) => void>

/**
 * Lets this process import TypeScript, with no loader flag in execArgv or NODE_OPTIONS (those
 * would be inherited state of forkcheck's own making). In-thread where Node has registerHooks.
 */
export function registerTypeScript(cacheDir: string): void {
  const registerHooks = (module as unknown as { registerHooks?: RegisterHooks }).registerHooks
  if (typeof registerHooks === 'function') {
    initialize({ cacheDir })
    registerHooks({ resolve: resolveSync, load: loadSync })
    return
  }
  // Node 20: off-thread hooks for import; CommonJS TypeScript is compiled by the CJS loader itself.
  initialize({ cacheDir })
  registerCommonjsExtensions()
  // Relative to dist/, so the path holds from dist/ts/ and from the bundles in dist/bundle-*/.
  module.register(new URL('../ts/hooks.js', import.meta.url), {
    data: { cacheDir, commonjsViaRequire: true },
  })
}

function registerCommonjsExtensions(): void {
  const extensions = (module as unknown as { Module: { _extensions: Extensions } }).Module._extensions
  for (const extension of ['.ts', '.cts', '.tsx']) {
    extensions[extension] = (target, filename) => {
      target._compile(readTranspiled(filename).source, filename)
    }
  }
}
