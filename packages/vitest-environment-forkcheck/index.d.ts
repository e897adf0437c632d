import type { Environment } from 'vitest/environments'

/** The `forkcheck` vitest environment (see forkcheck's docs/vitest.md). */
declare const environment: Environment
export default environment
