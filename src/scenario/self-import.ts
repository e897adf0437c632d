import { hasNodeFlag, PRELOAD_FLAGS } from '../process/node-flags.js'

// Every scenario file imports `forkcheck`, and resolving that bare name is most of what a trivial
// scenario's process spends on loading it: Node's resolver runs for the first time in the process
// (its code warms up, and it compiles the pattern it checks `exports` targets with), about 2 ms.
// The harness resolves the name once per folder, so where Node has in-thread resolve hooks, one
// answers it for modules in that folder with the very URL Node would give, only while the scenario
// file loads. Anything that could make Node answer otherwise turns it off.

/** Where `forkcheck` resolves from the modules of one folder (both file URLs, as Node writes them). */
export interface SelfImport {
  /** The scenario file's real folder, with a trailing slash. */
  folder: string
  /** forkcheck's public entry, when the name leads to the running harness's own package. */
  entry: string
}

type ResolveHook = (
  specifier: string,
  context: { parentURL?: string | undefined },
  next: (specifier: string, context: unknown) => unknown,
) => unknown
type RegisterHooks = (hooks: { resolve: ResolveHook }) => { deregister(): void }

const NAME = 'forkcheck'
/** Flags that change what a bare name resolves to, or preload code (hooks) that could. */
const RESOLUTION_FLAGS = ['-C', '--conditions', '--preserve-symlinks', ...PRELOAD_FLAGS]

/** True when nothing in these flags or this environment can move where `forkcheck` resolves. */
export function canAnswerSelfImport(execArgv: readonly string[], env: NodeJS.ProcessEnv): boolean {
  return env.NODE_PRESERVE_SYMLINKS === undefined && !hasNodeFlag(RESOLUTION_FLAGS, execArgv, env)
}

/** module.registerHooks came with Node 22.15 and 23.5: on older ones, loading node:module is waste. */
function hasInThreadHooks(): boolean {
  const [major = 0, minor = 0] = process.versions.node.split('.').map(Number)
  return major > 23 || (major === 23 && minor >= 5) || (major === 22 && minor >= 15)
}

/** True when `parentURL` names a module directly inside `folder`. */
function isInFolder(parentURL: string | undefined, folder: string): boolean {
  return parentURL?.startsWith(folder) === true && !parentURL.includes('/', folder.length)
}

/**
 * Runs `load` (the scenario file's import) with `forkcheck` imported from `self.folder` resolving
 * straight to `self.entry`. Without `self`, without `module.registerHooks` (Node < 22.15) or with a
 * flag that bears on resolution, it just runs `load`.
 */
export async function withSelfImport<T>(self: SelfImport | undefined, load: () => Promise<T>): Promise<T> {
  if (self === undefined || !hasInThreadHooks()) return load()
  const { registerHooks } = process.getBuiltinModule('node:module') as unknown as {
    registerHooks?: RegisterHooks
  }
  if (typeof registerHooks !== 'function' || !canAnswerSelfImport(process.execArgv, process.env))
    return load()
  const hooks = registerHooks({
    resolve: (specifier, context, next) =>
      specifier === NAME && isInFolder(context.parentURL, self.folder)
        ? { url: self.entry, shortCircuit: true }
        : next(specifier, context),
  })
  try {
    return await load()
  } finally {
    hooks.deregister()
  }
}
