import type { RunnerTestFile, RunnerTestSuite } from 'vitest'
import type { LeakCategory, Severity } from './options.js'
import { formatLeakError, formatLeakWarning, judgeLeaks, type Leak, makeLeakErrorRecord } from './report.js'
import type { Sentinel } from './sentinel.js'
import { toRelative } from './stack.js'

/** The two hooks of vitest's test runner that bracket one test file. */
interface RunnerHooks {
  config: { root: string; setupFiles?: readonly string[] }
  onCollectStart?: (this: RunnerHooks, file: RunnerTestFile) => unknown
  onAfterRunSuite?: (this: RunnerHooks, suite: RunnerTestSuite) => unknown
}

/** What the hooks report to: the sentinel of this worker and the severities. */
export interface HookTarget {
  sentinel: Sentinel
  severity: Record<LeakCategory, Severity>
}

/**
 * Patches the prototype of vitest's `TestRunner` (custom runners extend it): the baseline is taken
 * when a file starts collecting, and leaks are judged when the file suite ends, before vitest sends
 * its result. A leak marked `error` therefore fails the file like any failing `afterAll` would.
 */
export function hookTestRunner(prototype: object, target: HookTarget): () => void {
  const hooks = prototype as RunnerHooks
  const { onCollectStart, onAfterRunSuite } = hooks
  hooks.onCollectStart = function (file) {
    target.sentinel.startFile(this.config.root)
    return onCollectStart?.call(this, file)
  }
  hooks.onAfterRunSuite = async function (suite) {
    await onAfterRunSuite?.call(this, suite)
    if (suite.file !== suite) return
    const leaks = await target.sentinel.finishFile()
    if (leaks !== undefined) recordLeaks(suite, leaks, this.config, target.severity)
  }
  return () => {
    hooks.onCollectStart = onCollectStart
    hooks.onAfterRunSuite = onAfterRunSuite
  }
}

/** Fails the file for `error` leaks and prints `warn` leaks (vitest's console: stderr of the file). */
export function recordLeaks(
  file: RunnerTestSuite,
  leaks: readonly Leak[],
  { root, setupFiles = [] }: RunnerHooks['config'],
  severity: Record<LeakCategory, Severity>,
): void {
  const { errors, warnings } = judgeLeaks(leaks, severity)
  const name = toRelative(root, file.file.filepath)
  const setups = setupFiles.map((setup) => toRelative(root, setup))
  if (warnings.length > 0) console.warn(formatLeakWarning(name, warnings, setups))
  if (errors.length === 0) return
  file.result ??= { state: 'fail' }
  file.result.state = 'fail'
  file.result.errors ??= []
  file.result.errors.push(makeLeakErrorRecord(formatLeakError(name, errors, setups)))
}
