import { availableParallelism } from 'node:os'
import { relative } from 'node:path'
import { type BaselineJudge, makeBaselineJudge } from '../baseline/apply.js'
import { DEFAULT_INCLUDE, discoverFiles, findScenariosAnywhere } from '../discover/discover.js'
import { findProjectRoot } from '../discover/root.js'
import { UsageError } from '../errors.js'
import { combineReporters, createReporters } from '../reporters/index.js'
import { TS_EXTENSION } from '../ts/format.js'
import { findTypeScriptImports } from '../ts/imports.js'
import type { Report, Reporter, ScenarioResult } from '../types.js'
import { findCacheDir } from './cache-dir.js'
import { collectFiles } from './collect.js'
import type { EngineContext } from './context.js'
import { makeParentEnv } from './env.js'
import { findSelfImports } from './find-self-import.js'
import { makePlan, type Plan } from './make-plan.js'
import type { ReporterSpec, RunOptions } from './options.js'
import { ParentPool } from './parent-pool.js'
import { runPool } from './pool.js'
import { makeSkippedResult } from './result.js'
import { runScenario } from './run-scenario.js'
import { summarize } from './summary.js'

const DEFAULT_OUTPUT_CAP = 1024 * 1024

async function prepareTypeScriptFiles(files: string[], root: string): Promise<string | undefined> {
  // TypeScript scenarios and the TypeScript that JavaScript scenarios import: a JavaScript
  // scenario run alone must load its TypeScript as it does beside a TypeScript scenario.
  const entries = [
    ...files.filter((file) => TS_EXTENSION.test(file)),
    ...files.filter((file) => !TS_EXTENSION.test(file)).flatMap(findTypeScriptImports),
  ]
  if (entries.length === 0) return undefined
  const cacheDir = findCacheDir(root)
  const { prepareTypeScript } = await import('../ts/transpile.js')
  prepareTypeScript(entries, cacheDir)
  return cacheDir
}

export interface RunControl {
  /** Aborting stops new scenarios from starting; the report is marked interrupted. */
  signal?: AbortSignal
  /** The combined reporter (the CLI builds it from names). */
  reporter?: Reporter
}

interface Prepared {
  root: string
  harnessEnv: Record<string, string | undefined>
  parentEnv: Record<string, string>
  tsCacheDir: string | undefined
  plan: Plan
}

/** Finds the root and the files, transpiles TypeScript, collects scenarios and plans the run. */
async function prepareRun(options: RunOptions): Promise<Prepared> {
  const cwd = options.cwd ?? process.cwd()
  const root = findProjectRoot(cwd)
  if (root === undefined)
    throw new UsageError(`No package.json at or above ${cwd}: run forkcheck inside a project.`)
  const include = options.include ?? DEFAULT_INCLUDE
  const files = await discoverFiles({
    root,
    cwd,
    args: options.files ?? [],
    include,
    exclude: options.exclude ?? [],
  })
  if (files.length === 0) {
    const where = relative(cwd, root) || '.'
    const elsewhere = await findScenariosAnywhere(root, options.exclude ?? [])
    throw new UsageError(
      `No scenario files found in ${where} (looked for ${include.join(', ')}).${describeElsewhere(elsewhere)}`,
    )
  }
  const harnessEnv = options.env ?? process.env
  const parentEnv = makeParentEnv(harnessEnv, { fromVitest: options.fromVitest ?? false })
  const tsCacheDir = await prepareTypeScriptFiles(files, root)
  const selfImports = findSelfImports(files)
  const collected = await collectFiles(files, {
    root,
    env: parentEnv,
    tsCacheDir,
    selfImports,
    loader: options.loader,
  })
  return { root, harnessEnv, parentEnv, tsCacheDir, plan: makePlan(collected, root, options, selfImports) }
}

/** ` 3 scenario files are elsewhere, e.g. packages/api/scenarios/a.scenario.ts: …`, or nothing. */
function describeElsewhere(files: string[]): string {
  const [first] = files
  if (first === undefined) return ''
  const count = files.length === 1 ? '1 scenario file is' : `${files.length} scenario files are`
  const folder = first.split('/')[0]
  return (
    ` ${count} elsewhere, e.g. ${first}: pass a folder or glob (\`npx forkcheck ${folder}\`), ` +
    'or set `include` in forkcheck.config.ts.'
  )
}

function isReporterObject(entry: ReporterSpec | Reporter): entry is Reporter {
  return typeof entry === 'object' && typeof (entry as { name?: unknown }).name !== 'string'
}

/** The reporter of a programmatic run: `control.reporter`, else `options.reporters`, else none. */
async function makeReporter(options: RunOptions, control: RunControl, root: string): Promise<Reporter> {
  if (control.reporter !== undefined || options.reporters === undefined) return control.reporter ?? {}
  const reporters: Reporter[] = []
  for (const entry of options.reporters) {
    if (isReporterObject(entry)) reporters.push(entry)
    else {
      const spec = typeof entry === 'string' ? { name: entry } : entry
      reporters.push(await createReporters([spec], { root, showEnvValues: options.showEnvValues ?? false }))
    }
  }
  return combineReporters(reporters)
}

function makeJudge(options: RunOptions, now: Date): BaselineJudge | undefined {
  if (options.baseline === undefined && !options.updateBaseline) return undefined
  return makeBaselineJudge(options.baseline, { update: options.updateBaseline ?? false, now })
}

/** The scenarios a run would start, without running them (`--list`). */
export async function listScenarios(options: RunOptions = {}): Promise<Plan> {
  return (await prepareRun(options)).plan
}

/** Runs the scenarios and returns the report; reporters hear of each result as it finishes. */
export async function runScenarios(options: RunOptions = {}, control: RunControl = {}): Promise<Report> {
  const startedAt = new Date()
  const { root, harnessEnv, parentEnv, tsCacheDir, plan } = await prepareRun(options)
  const reporter = await makeReporter(options, control, root)
  const judge = makeJudge(options, startedAt)
  const signal = control.signal ?? new AbortController().signal
  const pool = new ParentPool(root, parentEnv)
  const context: EngineContext = {
    root,
    parentEnv,
    harnessEnv,
    allowEnv: options.allowEnv ?? [],
    ignoreEnv: options.ignoreEnv ?? [],
    tsCacheDir,
    outputCap: options.outputCap ?? DEFAULT_OUTPUT_CAP,
    timeout: options.timeout,
    repeat: options.repeat,
    flaky: options.flaky ?? 'warn',
    mode: options.mode,
    maxBisectRuns: options.maxBisectRuns ?? 40,
    probes: options.probes ?? true,
    shareParents: options.shareParents ?? true,
    showEnvValues: options.showEnvValues ?? false,
    pool,
    reporter,
    signal,
  }
  await reporter.onRunStart?.({
    root,
    scenarios: plan.toRun.map(({ id, file, exportName, name }) => ({ id, file, exportName, name })),
  })
  const results: Array<ScenarioResult | undefined> = plan.toRun.map(() => undefined)
  let failures = 0
  const stopOnBail = new AbortController()
  const combined = AbortSignal.any([signal, stopOnBail.signal])
  try {
    await runPool(
      plan.toRun,
      options.concurrency ?? availableParallelism(),
      combined,
      async (scenario, index) => {
        await reporter.onScenarioStart?.({
          id: scenario.id,
          file: scenario.file,
          exportName: scenario.exportName,
          name: scenario.name,
        })
        const ran = await runScenario(scenario, context)
        const result = judge ? judge(ran) : ran
        // A scenario cut short by an interrupt did not finish: it is left out, not reported as broken.
        if (signal.aborted) return
        results[index] = result
        if (!result.pass && ++failures >= (options.bail ?? Number.POSITIVE_INFINITY)) stopOnBail.abort()
        await reporter.onScenarioEnd?.(result)
      },
    )
  } finally {
    await pool.closeAll()
  }
  const finished = results.filter((result): result is ScenarioResult => result !== undefined)
  const scenarios = [...finished, ...plan.skipped.map(makeSkippedResult)]
  const report: Report = {
    version: 1,
    root,
    startedAt: startedAt.toISOString(),
    durationMs: Date.now() - startedAt.getTime(),
    scenarios,
    summary: summarize(scenarios),
  }
  if (signal.aborted) report.interrupted = true
  await reporter.onRunEnd?.(report)
  return report
}
