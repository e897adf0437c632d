/**
 * Compiles names and simple globs (`*` any run of characters, `?` one character) into one test:
 * `allowEnv` and `ignoreEnv` of a run, and the vitest environment's allow-lists.
 */
export function compileNameList(patterns: readonly string[]): (name: string) => boolean {
  if (patterns.length === 0) return () => false
  const exact = new Set(patterns.filter((pattern) => !/[*?]/.test(pattern)))
  const globs = patterns.filter((pattern) => /[*?]/.test(pattern)).map(compileGlob)
  return (name) => exact.has(name) || globs.some((glob) => glob.test(name))
}

function compileGlob(pattern: string): RegExp {
  const source = pattern
    .split('')
    .map((char) => (char === '*' ? '.*' : char === '?' ? '.' : char.replace(/[\\^$.|+()[\]{}]/g, '\\$&')))
    .join('')
  return new RegExp(`^${source}$`)
}
