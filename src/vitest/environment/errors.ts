/** `environmentOptions.forkcheck` is malformed: one clear line that names the option. */
export class ForkcheckOptionsError extends Error {
  override name = 'ForkcheckOptionsError'
  readonly code = 'FORKCHECK_ENVIRONMENT_OPTIONS'
}
