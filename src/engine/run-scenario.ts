import { tailClause } from '../bootstrap/capture.js'
import type { SetupFailed, SetupResult } from '../bootstrap/parent-protocol.js'
import { classifyRuns } from '../outcome/compare.js'
import type { ComparableOutcome } from '../outcome/contract.js'
import { makeProbeWatch } from '../probes/watch.js'
import type { Place } from '../stack/call-sites.js'
import type { ChildOutcome, Mode, ScenarioResult } from '../types.js'
import { attributeDifference, findForkOnlyGlobals } from './attribute.js'
import { normalizeModeRun } from './compare-runs.js'
import type { EngineContext } from './context.js'
import { findEnvFileWrites } from './env-file.js'
import { type ModeRun, makeForkSpec, makeSpawnSpec, outcomesOf, runMode } from './modes.js'
import { describeParentExit, ParentHost } from './parent-host.js'
import type { PlannedScenarioRun } from './plan.js'
import { baseResult, isPass, makeErrorResult } from './result.js'
import { computeScenarioDelta } from './scenario-delta.js'

const MODES: Mode[] = ['fork', 'spawn']

/** What a scenario's parent looks like to its fork-like children (for attribution). */
export interface ParentState {
  env: Record<string, string>
  cwd: string
  execArgv: string[]
  /** Where the parent set each env var (`env:NAME`) and changed cwd (`cwd`). */
  setAt: Record<string, Place>
  /** parent()'s result as encodeInput wrote it (src/bootstrap/input.ts). */
  input: string | undefined
}

function describeParentFailure(failed: SetupFailed | undefined, parent: ParentHost, timeout: number): string {
  if (failed === undefined) {
    const ended = parent.exitInfo ? ` (${describeParentExit(parent.exitInfo)})` : ''
    return parent.hasExited
      ? `The parent process ended before parent() finished${ended}${tailClause(parent.stderr.text())}`
      : `parent() did not finish within ${timeout} ms`
  }
  const { name, message, at } = failed.error
  const where = at ? ` (at ${at})` : ''
  if (failed.phase === 'load') return `Could not load the scenario in its parent: ${name}: ${message}${where}`
  if (failed.phase === 'result') return message
  return `parent() failed: ${name}: ${message}${where}`
}

/** Starts the scenario's own parent and runs parent(); or takes a pristine shared parent. */
async function prepareParent(
  scenario: PlannedScenarioRun,
  context: EngineContext,
): Promise<{ parent: ParentHost; state: ParentState; shared: boolean } | { error: string }> {
  const options = scenario.options!
  const needsOwn =
    options.hasParent ||
    options.hasParentWhileChildren ||
    options.execArgv.length > 0 ||
    !context.shareParents
  if (!needsOwn) {
    const state = { env: context.parentEnv, cwd: context.root, execArgv: [], setAt: {}, input: undefined }
    return { parent: context.pool.acquire(), state, shared: true }
  }
  const parent = new ParentHost({ root: context.root, env: context.parentEnv, execArgv: options.execArgv })
  const timeout = context.timeout ?? options.timeout
  const answer = (await parent.request(
    {
      type: 'setup',
      file: scenario.absoluteFile,
      exportName: scenario.exportName,
      root: context.root,
      workers: options.workers,
      name: scenario.name,
      tsCacheDir: context.tsCacheDir,
      selfImport: scenario.selfImport,
      loader: scenario.loader,
    },
    timeout,
  )) as unknown as SetupResult | SetupFailed | undefined
  if (answer?.type === 'setup-done') {
    const { env, cwd, execArgv, input } = answer
    // Code's writes win: a parent() that sets a variable after --env-file did is where it was set.
    const setAt = { ...findEnvFileWrites(execArgv, context.root, context.parentEnv, env), ...answer.setAt }
    return { parent, state: { env, cwd, execArgv, setAt, input }, shared: false }
  }
  const error = describeParentFailure(answer, parent, timeout)
  parent.kill()
  await parent.close()
  return { error }
}

interface Runs {
  modeRuns: Record<Mode, ModeRun[]>
  normalized: Record<Mode, ComparableOutcome[][]>
}

function rawOutcomes(runs: Runs): Record<Mode, ChildOutcome[][]> {
  return { fork: runs.modeRuns.fork.map(outcomesOf), spawn: runs.modeRuns.spawn.map(outcomesOf) }
}

/** DESIGN.md: a result structured clone cannot copy makes the scenario an error, not a verdict. */
function findUncloneable(runs: Runs): string | undefined {
  for (const list of [runs.modeRuns.fork, runs.modeRuns.spawn])
    for (const run of list)
      for (const { outcome } of run.results)
        if (outcome.status === 'uncloneable')
          return outcome.error?.message ?? 'child() returned an uncloneable value'
  return undefined
}

async function runBothModes(
  scenario: PlannedScenarioRun,
  parent: ParentHost,
  state: ParentState,
  context: EngineContext,
  runs: Runs,
  count: number,
): Promise<boolean> {
  const options = scenario.options!
  const modes = context.mode ? [context.mode] : MODES
  const { delta, spawnEnv } = computeScenarioDelta(options, state, context)
  const specs = { fork: makeForkSpec(options), spawn: makeSpawnSpec(options, spawnEnv, context.root) }
  for (let index = 0; index < count; index++) {
    // Runs after the first also watch reads of globals only the fork-like child had (a preload's).
    const watchGlobals = runs.modeRuns.fork.length > 0 ? findForkOnlyGlobals(runs.modeRuns) : []
    const watch = makeProbeWatch(delta, watchGlobals)
    for (const mode of modes) {
      const run = await runMode(
        parent,
        scenario,
        specs[mode],
        state.input,
        context,
        options.hasParentWhileChildren,
        watch,
      )
      if (run === undefined) return false
      runs.modeRuns[mode].push(run)
      runs.normalized[mode].push(normalizeModeRun(run, context.root))
    }
  }
  return true
}

/** Runs one scenario in both modes, compares, attributes a difference, and builds its result. */
export async function runScenario(
  scenario: PlannedScenarioRun,
  context: EngineContext,
): Promise<ScenarioResult> {
  const startedAt = Date.now()
  if (scenario.error || scenario.options === undefined) {
    return makeErrorResult(scenario, scenario.error ?? { message: 'not collected', phase: 'load' }, startedAt)
  }
  const options = scenario.options
  const prepared = await prepareParent(scenario, context)
  if ('error' in prepared)
    return makeErrorResult(scenario, { message: prepared.error, phase: 'parent' }, startedAt)
  const { parent, state, shared } = prepared
  const runs: Runs = { modeRuns: { fork: [], spawn: [] }, normalized: { fork: [], spawn: [] } }
  let healthy = false
  try {
    const repeat = context.repeat ?? options.repeat ?? 1
    healthy = await runBothModes(scenario, parent, state, context, runs, repeat)
    if (!healthy) {
      const ended = parent.exitInfo ? ` (it exited: ${describeParentExit(parent.exitInfo)})` : ''
      const message = `The parent process stopped answering while running children${ended}${tailClause(parent.stderr.text())}`
      return makeErrorResult(scenario, { message, phase: 'run' }, startedAt, rawOutcomes(runs))
    }
    const parentError = [...runs.modeRuns.fork, ...runs.modeRuns.spawn].find(
      (run) => run.parentError,
    )?.parentError
    if (parentError !== undefined) {
      const where = parentError.at ? ` (at ${parentError.at})` : ''
      const message = parentError.message.startsWith('parentWhileChildren()')
        ? `${parentError.message}${where}`
        : `parentWhileChildren() failed: ${parentError.name}: ${parentError.message}${where}`
      return makeErrorResult(scenario, { message, phase: 'parent' }, startedAt, rawOutcomes(runs))
    }
    const uncloneable = findUncloneable(runs)
    if (uncloneable !== undefined)
      return makeErrorResult(scenario, { message: uncloneable, phase: 'run' }, startedAt, rawOutcomes(runs))
    // With `--mode` one side runs alone: it is compared with itself, so only its own variation shows.
    const compare = () => {
      const raw = rawOutcomes(runs)
      const side = (mode: Mode) => ({ raw: raw[mode], normalized: runs.normalized[mode] })
      return context.mode === undefined
        ? classifyRuns(side('fork'), side('spawn'))
        : classifyRuns(side(context.mode), side(context.mode))
    }
    let classification = compare()
    // A difference seen in one run of each mode is never reported before a second run confirms it.
    if (classification.verdict !== 'same' && repeat < 2 && context.mode === undefined) {
      healthy = await runBothModes(scenario, parent, state, context, runs, 1)
      classification = compare()
    }
    const attribution =
      context.mode === undefined && healthy
        ? await attributeDifference({
            scenario,
            parent,
            state,
            runs: runs.modeRuns,
            normalized: runs.normalized,
            classification,
            context,
          })
        : undefined
    const verdict = classification.verdict
    const result: ScenarioResult = {
      ...baseResult(scenario),
      verdict,
      pass: isPass(verdict, options.expect, context.flaky),
      outcomes: rawOutcomes(runs),
      causes: attribution?.causes ?? [],
      durationMs: Date.now() - startedAt,
    }
    if (classification.diffs.length > 0) result.diffs = classification.diffs
    if (classification.unlistedDiffs) result.unlistedDiffs = classification.unlistedDiffs
    if (attribution?.harmlessReads.length) result.harmlessReads = attribution.harmlessReads
    if (attribution?.info) result.attribution = attribution.info
    if (attribution?.reproduce) result.reproduce = attribution.reproduce
    if (classification.variations.length > 0) result.variations = classification.variations
    return result
  } finally {
    if (shared) context.pool.release(parent, healthy)
    else await parent.close()
  }
}
