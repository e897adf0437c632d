// The Node flags a process runs with: its execArgv and NODE_OPTIONS.

/** Flags that run code before the entry point (and so may register module hooks). */
export const PRELOAD_FLAGS = ['-r', '--require', '--import', '--loader', '--experimental-loader'] as const

/** True when one of `names` is among the flags of a process with this execArgv and environment. */
export function hasNodeFlag(
  names: readonly string[],
  execArgv: readonly string[] = process.execArgv,
  env: NodeJS.ProcessEnv = process.env,
): boolean {
  const flags = `${execArgv.join(' ')} ${env.NODE_OPTIONS ?? ''}`
  // Most starts have no flags at all: skip compiling a pattern (a tenth of a millisecond).
  if (flags.trim() === '') return false
  return new RegExp(`(?:^|\\s)(?:${names.join('|')})(?:[\\s=]|$)`).test(flags)
}
