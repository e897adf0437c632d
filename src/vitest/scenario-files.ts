import { createRequire } from 'node:module'
import { dirname, relative } from 'node:path'
import { TestRunner, test } from 'vitest'
import { findProjectRoot } from '../discover/root.js'
import { type CheckOptions, checkScenarios } from './check.js'
import { describeResult, describeVerdict, describeWarning, ScenarioAssertionError } from './failure.js'

const DEFAULT_TIMEOUT = 300_000

/**
 * Options of `scenarioFiles()`: where globs start, vitest's `timeout` per file (default
 * 300 000 ms), and run options.
 *
 * @example
 * scenarioFiles('scenarios/**\/*.scenario.ts', { cwd: fileURLToPath(new URL('..', import.meta.url)) })
 */
export interface ScenarioFilesOptions extends CheckOptions {
  /** Where globs are resolved. Default: the project root of the calling test file. */
  cwd?: string
  timeout?: number
}

// Loaded on first use: every forkcheck child imports this entry, few test files call scenarioFiles().
function loadGlobSync(): typeof import('tinyglobby')['globSync'] {
  return (createRequire(import.meta.url)('tinyglobby') as typeof import('tinyglobby')).globSync
}

/** The project root of the test file being collected. */
function findCallingRoot(): string {
  const file = TestRunner.getCurrentSuite().file?.filepath
  return (file === undefined ? undefined : findProjectRoot(dirname(file))) ?? process.cwd()
}

/**
 * Registers one vitest test per scenario file matching `patterns` (tinyglobby globs, relative to
 * the project root); each fails with the details of every scenario that did not pass.
 *
 * @example
 * // test/scenarios.test.ts
 * scenarioFiles('scenarios/**\/*.scenario.ts')
 */
export function scenarioFiles(patterns: string | string[], options: ScenarioFilesOptions = {}): void {
  const { cwd = findCallingRoot(), timeout = DEFAULT_TIMEOUT, ...checkOptions } = options
  const files = loadGlobSync()(patterns, { cwd, absolute: true, ignore: ['**/node_modules/**'] }).sort()
  if (files.length === 0) {
    throw new Error(`scenarioFiles(): no file matches \`${[patterns].flat().join('`, `')}\` in ${cwd}.`)
  }
  for (const file of files) {
    test(relative(cwd, file).split('\\').join('/'), { timeout }, async ({ signal, annotate }) => {
      const results = await checkScenarios({ file }, { ...checkOptions, signal })
      for (const result of results) {
        const warning = describeWarning(result)
        if (warning !== undefined) await annotate(warning, 'warning')
      }
      const failed = results.filter((result) => !result.pass)
      if (failed.length === 0) return
      const details = failed.map((result) => describeResult(result, describeVerdict(result)))
      const code = failed.some((result) => result.verdict === 'error')
        ? 'FORKCHECK_ERROR'
        : 'FORKCHECK_MISMATCH'
      throw new ScenarioAssertionError(details.join('\n\n'), code)
    })
  }
}
