import { computeDelta, type DeltaItem } from '../attribution/delta.js'
import type { ScenarioOptions } from '../scenario/validate.js'
import type { EngineContext } from './context.js'
import { makeSpawnEnv } from './env.js'
import type { ParentState } from './run-scenario.js'

/** The environments of the two modes of one scenario, and what fork-like has that spawn-like lacks. */
export interface ScenarioDelta {
  forkEnv: Record<string, string>
  spawnEnv: Record<string, string>
  delta: DeltaItem[]
}

/** Everything a scenario's fork-like child inherits that its spawn-like child does not. */
export function computeScenarioDelta(
  options: ScenarioOptions,
  state: ParentState,
  context: EngineContext,
): ScenarioDelta {
  const forkEnv = { ...state.env, ...options.env }
  const spawnEnv = makeSpawnEnv({
    harnessEnv: context.harnessEnv,
    allowEnv: context.allowEnv,
    ignoreEnv: context.ignoreEnv,
    declared: options.env,
    forkEnv,
  })
  const delta = computeDelta({
    root: context.root,
    forkEnv,
    spawnEnv,
    parentExecArgv: state.execArgv,
    parentCwd: state.cwd,
  })
  return { forkEnv, spawnEnv, delta }
}
