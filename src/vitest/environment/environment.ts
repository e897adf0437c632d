import { TestRunner } from 'vitest'
import type { Environment } from 'vitest/environments'
import { normalizeOptions } from './options.js'
import { hookTestRunner } from './runner-hooks.js'
import { installSentinel } from './sentinel.js'

/**
 * The `forkcheck` vitest environment: a leak sentinel per test file. Node globals are left as
 * they are (like `environment: 'node'`).
 *
 * @example
 * // vitest.config.ts
 * export default defineConfig({ test: { environment: 'forkcheck' } })
 */
export const forkcheckEnvironment: Environment = {
  name: 'forkcheck',
  viteEnvironment: 'ssr',
  setup(global: object, environmentOptions: Record<string, unknown>) {
    const options = normalizeOptions(environmentOptions)
    const sentinel = installSentinel(global, options)
    const unhook = hookTestRunner(TestRunner.prototype, { sentinel, severity: options.severity })
    return {
      teardown() {
        unhook()
        const started = sentinel.hasStarted()
        sentinel.uninstall()
        if (!started) {
          console.warn(
            'forkcheck warning: no test file reached the forkcheck hooks (a custom runner that does not ' +
              "extend vitest's TestRunner?); nothing was checked.",
          )
        }
      },
    }
  },
}
