import type { Baseline } from '../baseline/types.js'
import type { Reporter } from '../types.js'

/** A built-in reporter name or a module path, optionally with its output file. */
export type ReporterSpec = string | { name: string; outputFile?: string }

/**
 * Options of a programmatic run; the CLI and the config file map onto these.
 *
 * @example
 * const report = await run({ files: ['scenarios/db.scenario.ts'], reporters: [] })
 */
export interface RunOptions {
  /** Where to look for the project root and resolve relative paths. Default `process.cwd()`. */
  cwd?: string
  /** Files, folders or globs; they replace `include`. */
  files?: string[]
  /** Globs relative to the root. Default `scenarios/**\/*.scenario.{ts,mts,cts,js,mjs,cjs}`. */
  include?: string[]
  exclude?: string[]
  /** Per-child timeout in ms, overriding scenarios' own. */
  timeout?: number
  /** Scenarios run at once. Default: the number of CPUs. */
  concurrency?: number
  /** Runs of each mode, overriding scenarios' own. */
  repeat?: number
  /** Whether `flaky` fails the run. Default `warn`. */
  flaky?: 'fail' | 'warn'
  /** Extra variable names (or `PREFIX_*` patterns) a clean spawn receives from forkcheck's own env. */
  allowEnv?: string[]
  /**
   * Variable names or `PREFIX_*` patterns left out of the comparison (e.g. `CI`, `GITHUB_*`): the
   * spawn-like child gets them as the fork-like child has them, so they never make the two differ
   * and are never causes.
   */
  ignoreEnv?: string[]
  /** Reporters: built-in names (`default`, `json`, `junit`, `github`), module paths, or objects. */
  reporters?: Array<ReporterSpec | Reporter>
  /** Print environment values in reproducer commands. Default false. */
  showEnvValues?: boolean
  /** Run one side only, for debugging. */
  mode?: 'fork' | 'spawn'
  /** Only scenarios whose name matches. */
  testNamePattern?: string | RegExp
  /** Stop starting scenarios after this many failures. */
  bail?: number
  /** `index/count`, e.g. `2/4`: run one stable share of the scenarios. */
  shard?: string
  /**
   * Known failing differences (`forkcheck.baseline.json`, parsed): a difference whose causes its
   * entry covers passes, marked `baselined`.
   */
  baseline?: Baseline
  /** Judge differences as the baseline rewritten from this run will (`--update-baseline`). */
  updateBaseline?: boolean
  /** Bisection budget: extra child runs per scenario. Default 40. */
  maxBisectRuns?: number
  /** Share pristine parent processes between scenarios without parent()/execArgv. Default true. */
  shareParents?: boolean
  /** Install the child's read probes. Default true; false only to measure what probes cost. */
  probes?: boolean
  /** The harness environment (default `process.env`). */
  env?: Record<string, string | undefined>
  /** Captured bytes per child stream. Default 1 MiB. */
  outputCap?: number
  /** A module exporting `importScenarioFile(file)`, used instead of a plain import (forkcheck/vitest). */
  loader?: string
  /** Set when called from inside a vitest worker: parents get the same clean start as from the CLI. */
  fromVitest?: boolean
}
