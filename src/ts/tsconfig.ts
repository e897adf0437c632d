import { createRequire } from 'node:module'

// The nearest tsconfig.json with its `extends` chain and comments, read by get-tsconfig as tsx and
// vite's plugin read it. Loaded on first use only: a process that never asks never loads it.

type GetTsconfig = typeof import('get-tsconfig')
export type TsconfigResult = NonNullable<ReturnType<GetTsconfig['getTsconfig']>>

let library: GetTsconfig | undefined
const load = (): GetTsconfig => {
  library ??= createRequire(import.meta.url)('get-tsconfig') as GetTsconfig
  return library
}
/** Per folder: its tsconfig, or null when there is none or it cannot be read. */
const found = new Map<string, TsconfigResult | null>()

/**
 * The tsconfig that applies to files of `dir`, or null. One that cannot be read (bad JSON, an
 * `extends` that is not installed) counts as none: `tsc` names what is wrong with it.
 */
export function readTsconfig(dir: string): TsconfigResult | null {
  let result = found.get(dir)
  if (result === undefined) {
    try {
      result = load().getTsconfig(dir)
    } catch {
      result = null
    }
    found.set(dir, result)
  }
  return result
}

/** get-tsconfig's paths matcher for a tsconfig read by readTsconfig. */
export function pathsMatcherOf(tsconfig: TsconfigResult): ((specifier: string) => string[]) | null {
  return load().createPathsMatcher(tsconfig)
}
