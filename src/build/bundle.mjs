// Bundles the processes forkcheck starts most often into one module each: the child bootstrap
// (twice per scenario), the parent bootstrap, the public entry (`import 'forkcheck'` runs in
// every child) and the TypeScript hooks that Node 20 runs in a thread of each child. Run by
// `npm run build` after tsc, on dist/.

import { chmod, readdir, rm } from 'node:fs/promises'
import { builtinModules, createRequire, isBuiltin } from 'node:module'
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

/** Packages stay imports of their own (resolved at run time as before); only forkcheck is bundled. */
function isPackage(source) {
  return /^(?![./\0])(?:@[\w.-]+\/)?[\w.-]+(?:\/|$)/.test(source) && !isBuiltin(source)
}

/**
 * Each start reads its bundle as source: without comments, and in ASCII only (one non-ASCII
 * character makes V8 hold and scan the whole file as UTF-16), there is less to scan. Code is
 * neither compressed nor mangled: stack traces from a bundle stay readable.
 */
const PLAIN_ASCII = {
  comments: { legal: true, annotation: false, jsdoc: false },
  minify: { compress: false, mangle: false, codegen: { removeWhitespace: false, asciiOnly: true } },
}

function buildOptions(input, output) {
  return {
    input: new URL(input, dist).pathname,
    platform: 'node',
    logLevel: 'warn',
    external: isPackage,
    plugins: [builtinsWithoutFacades()],
    treeshake: { propertyReadSideEffects: false },
    output: { format: 'esm', ...PLAIN_ASCII, ...output },
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
  await build({ ...options, external: (source) => isPackage(source) || /\/engine\/run\.js$/.test(source) })
}

/**
 * The command line, in place (`bin` and every caller keep its path): a handful of modules instead
 * of ~60 to load at every run. Its on-demand parts (reporters, TypeScript, merging) and the code
 * they share with it become `bin-*` chunks beside it.
 */
async function bundleCli(input) {
  const folder = new URL('.', new URL(input, dist))
  for (const name of await readdir(folder)) {
    if (name.startsWith('bin-')) await rm(new URL(name, folder))
  }
  const output = { dir: folder.pathname, entryFileNames: 'bin.js', chunkFileNames: 'bin-[name]-[hash].js' }
  await build(buildOptions(input, output))
  // A rebuild writes a new file: without this, `npx forkcheck` in this checkout is denied after
  // any `npm run build` (npm marks a bin executable only when it installs the package).
  await chmod(new URL('bin.js', folder), 0o755)
}

await bundleBootstrap('bootstrap/child.js', 'bundle-child/')
await bundleBootstrap('bootstrap/parent.js', 'bundle-parent/')
await bundleBootstrap('ts/hooks.js', 'bundle-hooks/')
await bundleEntry('index.js')
await bundleCli('cli/bin.js')
