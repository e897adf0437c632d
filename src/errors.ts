/** A mistake in how forkcheck was called (flags, config, paths): one line, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError'
  readonly code = 'FORKCHECK_USAGE'
}
