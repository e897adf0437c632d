// Bundles the processes forkcheck starts most often into one module each: the child bootstrap
// (twice per scenario), the parent bootstrap and the public entry (`import 'forkcheck'` runs in
// every child). Run by `npm run build` after tsc, on dist/.

import { rm } from 'node:fs/promises'
import { builtinModules, createRequire } from 'node:module'
import { build } from 'rolldown'

const require = createRequire(import.meta.url)
const dist = new URL('../../dist/', import.meta.url)
const BUILTIN_PREFIX = '\0builtin:'
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/

/**
 * An ESM import of a builtin builds a facade module that copies its exports (node:fs: ~8 M
 * instructions, a quarter of a bare start); process.getBuiltinModule hands over the same object
 * without one. Unused exports are tree-shaken away.
 */
function builtinsWithoutFacades() {
  return {
    name: 'forkcheck:builtins-without-facades',
    resolveId(source) {
      const name = source.startsWith('node:') ? source.slice(5) : source
      if (!builtinModules.includes(name)) return null
      return { id: `${BUILTIN_PREFIX}${name}`, moduleSideEffects: false }
    },
    load(id) {
      if (!id.startsWith(BUILTIN_PREFIX)) return null
      const name = id.slice(BUILTIN_PREFIX.length)
      const names = Object.keys(require(`node:${name}`)).filter(
        (key) => IDENTIFIER.test(key) && key !== 'default',
      )
      const lines = [`const builtin = process.getBuiltinModule(${JSON.stringify(`node:${name}`)})`]
      lines.push('export default builtin')
      for (const key of names) lines.push(`export const ${key} = builtin.${key}`)
      return lines.join('\n')
    },
  }
}

function buildOptions(input, output) {
  return {
    input: new URL(input, dist).pathname,
    platform: 'node',
    logLevel: 'warn',
    plugins: [builtinsWithoutFacades()],
    treeshake: { propertyReadSideEffects: false },
    output: { format: 'esm', ...output },
  }
}

/** A bootstrap and the chunks it imports on demand, in a folder of their own. */
async function bundleBootstrap(input, dir) {
  // Chunk names carry content hashes: stale ones from an earlier build must not pile up.
  await rm(new URL(dir, dist), { recursive: true, force: true })
  await build(buildOptions(input, { dir: new URL(dir, dist).pathname }))
}

/**
 * The public entry, in place: scenario files import it in every child, so it becomes one module.
 * The engine stays out of it (`run()` imports it on demand, relative to dist/ as before).
 */
async function bundleEntry(input) {
  const options = buildOptions(input, { file: new URL(input, dist).pathname })
  await build({ ...options, external: [/\/engine\/run\.js$/] })
}

await bundleBootstrap('bootstrap/child.js', 'bundle-child/')
await bundleBootstrap('bootstrap/parent.js', 'bundle-parent/')
await bundleEntry('index.js')
