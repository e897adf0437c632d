import module from 'node:module'
import { initialize, loadSync, readTranspiled, resolveRequire, resolveSync } from './hooks.js'

type RegisterHooks = (hooks: { resolve: typeof resolveSync; load: typeof loadSync }) => unknown
type CompilableModule = { _compile(source: string, filename: string, format?: 'module'): unknown }
type Extensions = Record<string, (module: CompilableModule, filename: string) => void>
type ResolveFilename = (
  this: unknown,
  request: string,
  parent: { filename?: string | null } | null | undefined,
  isMain: boolean,
  options?: { paths?: unknown },
) => string
type CommonjsLoader = { _extensions: Extensions; _resolveFilename: ResolveFilename }

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
  // Node 20: off-thread hooks for import; CommonJS TypeScript is resolved and compiled by the CJS
  // loader itself (off-thread hooks never see require()).
  initialize({ cacheDir })
  registerCommonjsLoading()
  // The hooks thread loads them as one module (six modules cost it ~3 ms more per start). Relative
  // to dist/, so the path holds from dist/ts/ and from the bundles in dist/bundle-*/.
  module.register(new URL('../bundle-hooks/hooks.js', import.meta.url), {
    data: { cacheDir, commonjsViaRequire: true },
  })
}

function registerCommonjsLoading(): void {
  const loader = (module as unknown as { Module: CommonjsLoader }).Module
  for (const extension of ['.ts', '.cts', '.mts', '.tsx']) {
    loader._extensions[extension] = (target, filename) => {
      const { format, source } = readTranspiled(filename)
      // An ES module (require(esm)): Node compiles it as one when told so.
      if (format === 'module') target._compile(source, filename, 'module')
      else target._compile(source, filename)
    }
  }
  const resolveFilename = loader._resolveFilename
  loader._resolveFilename = function (request, parent, isMain, options) {
    const next = () => resolveFilename.call(this, request, parent, isMain, options)
    // require.resolve(x, { paths }) looks elsewhere than beside the requiring file.
    if (options?.paths !== undefined) return next()
    return resolveRequire(request, parent?.filename ?? undefined, next)
  }
}
