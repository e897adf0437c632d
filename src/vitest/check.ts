import { dirname, relative } from 'node:path'
import { findProjectRoot } from '../discover/root.js'
import type { RunOptions } from '../engine/options.js'
import type { ScenarioResult } from '../types.js'

/**
 * Run options a vitest test may set for its scenarios (a config file is not read from vitest).
 *
 * @example
 * scenario('reads the tier', { ignoreEnv: ['CI'] }, spec)
 */
export type CheckOptions = Pick<RunOptions, 'allowEnv' | 'ignoreEnv' | 'flaky' | 'maxBisectRuns' | 'repeat'>

/** A scenario file, and the scenarios in it to run (all of them without `exportNames`). */
export interface CheckTarget {
  /** Absolute path. */
  file: string
  exportNames?: string[]
  /** A module that imports the file (see RunOptions.loader). */
  loader?: string
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** The project root of a file: where a CLI run of it would start. */
export function findRootOf(file: string): string {
  return findProjectRoot(dirname(file)) ?? dirname(file)
}

/** The id forkcheck gives a scenario: `file#exportName`, the file relative to the root. */
export function makeScenarioId(root: string, file: string, exportName: string): string {
  return `${relative(root, file).split('\\').join('/')}#${exportName}`
}

/**
 * Runs a target in one forkcheck run with the same clean start as the CLI (`fromVitest`) and no
 * reporter; returns every result of the file, or with `exportNames` one result per name, in order.
 */
export async function checkScenarios(
  target: CheckTarget,
  options: CheckOptions & { signal?: AbortSignal | undefined } = {},
): Promise<ScenarioResult[]> {
  const { signal, ...runOptions } = options
  const root = findRootOf(target.file)
  const ids = target.exportNames?.map((exportName) => makeScenarioId(root, target.file, exportName))
  // The engine (typescript among it) loads only now, not when a test file imports forkcheck/vitest.
  const { run } = await import('../index.js')
  const report = await run(
    {
      ...runOptions,
      cwd: root,
      files: [target.file],
      loader: target.loader,
      fromVitest: true,
      testNamePattern: ids === undefined ? undefined : new RegExp(`^(?:${ids.map(escapeRegExp).join('|')})$`),
    },
    signal === undefined ? { reporter: {} } : { reporter: {}, signal },
  )
  return ids === undefined ? report.scenarios : ids.map((id) => pickResult(report.scenarios, id))
}

/** The result with this id; else the file's load error (it stands for every scenario in it). */
function pickResult(results: ScenarioResult[], id: string): ScenarioResult {
  const found =
    results.find((result) => result.id === id) ??
    results.find((result) => result.verdict === 'error' && result.error?.phase === 'load')
  if (found !== undefined) return found
  const seen = results.map((result) => result.id).join(', ') || 'none'
  throw new Error(`forkcheck found no scenario \`${id}\` (found: ${seen}).`)
}
