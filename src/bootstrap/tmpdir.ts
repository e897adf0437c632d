/**
 * What `os.tmpdir()` answers for `env`, by its own rule where that is short (not on Windows):
 * loading node:os costs a child half a millisecond, and every child reports its temp folder.
 *
 * @example
 * tmpdirOf({ TMPDIR: '/var/tmp/' }) // '/var/tmp'
 */
export function tmpdirOf(env: NodeJS.ProcessEnv): string {
  if (process.platform === 'win32') return process.getBuiltinModule('node:os').tmpdir()
  const dir = env.TMPDIR || env.TMP || env.TEMP || '/tmp'
  return dir.length > 1 && dir.endsWith('/') ? dir.slice(0, -1) : dir
}
