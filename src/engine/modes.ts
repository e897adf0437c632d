import type { ChildResult } from '../bootstrap/children.js'
import type { RunRequest, StartSpec } from '../bootstrap/start-spec.js'
import type { ProbeWatch } from '../probes/watch.js'
import type { ScenarioOptions } from '../scenario/validate.js'
import type { ChildOutcome, ErrorInfo } from '../types.js'
import type { EngineContext } from './context.js'
import type { ParentHost } from './parent-host.js'
import type { PlannedScenarioRun } from './plan.js'

/** Fork-like: a cluster worker of the scenario's parent, inheriting all it has. */
export function makeForkSpec(options: ScenarioOptions): StartSpec {
  return {
    via: 'cluster',
    ipc: true,
    env: options.env,
    execArgv: [...options.execArgv, ...options.childExecArgv],
    cwd: undefined,
  }
}

/**
 * Spawn-like: a clean spawn with `env` (makeSpawnEnv's allow-listed env), no inherited flags,
 * cwd = root, no IPC.
 */
export function makeSpawnSpec(
  options: ScenarioOptions,
  env: Record<string, string>,
  root: string,
): StartSpec {
  return { via: 'spawn', ipc: false, env, execArgv: options.childExecArgv, cwd: root }
}

/** One run of one mode; the run's outcomes, or undefined when the parent failed to answer. */
export interface ModeRun {
  results: ChildResult[]
  startedAt: number
  endedAt: number
  parentPid: number
  /** parentWhileChildren() threw or hung during this run. */
  parentError?: ErrorInfo
}

/** The outcomes of one run's children, as they came back. */
export function outcomesOf(run: ModeRun): ChildOutcome[] {
  return run.results.map((result) => result.outcome)
}

/** Slack on top of the children's own timeouts before the parent itself is deemed stuck. */
const PARENT_SLACK_MS = 15_000

export async function runMode(
  parent: ParentHost,
  scenario: PlannedScenarioRun,
  spec: StartSpec,
  input: string | undefined,
  context: EngineContext,
  runParentWhileChildren: boolean,
  watch: ProbeWatch,
): Promise<ModeRun | undefined> {
  const options = scenario.options!
  const timeout = context.timeout ?? options.timeout
  const request: RunRequest = {
    type: 'run',
    spec,
    file: scenario.absoluteFile,
    exportName: scenario.exportName,
    root: context.root,
    workers: options.workers,
    timeout,
    input,
    tsCacheDir: context.tsCacheDir,
    selfImport: scenario.selfImport,
    outputCap: context.outputCap,
    runParentWhileChildren,
    watch: context.probes === false ? undefined : watch,
    loader: scenario.loader,
  }
  const startedAt = Date.now()
  const answer = await parent.request(request as never, timeout + PARENT_SLACK_MS)
  if (answer?.type !== 'run-done') return undefined
  const run: ModeRun = {
    results: answer.results as ChildResult[],
    startedAt,
    endedAt: Date.now(),
    parentPid: parent.pid,
  }
  if (answer.parentError !== undefined) run.parentError = answer.parentError as ErrorInfo
  return run
}
