import { bisect } from '../attribution/bisect.js'
import { type DeltaItem, makeTrialSpec } from '../attribution/delta.js'
import { makeReproducer } from '../attribution/reproduce.js'
import { saveInput } from '../attribution/save-input.js'
import { cameBackIdentical, matchesReference } from '../outcome/compare.js'
import type { Classification, ComparableOutcome } from '../outcome/contract.js'
import type { ProbeRead } from '../probes/recorder.js'
import { makeProbeWatch } from '../probes/watch.js'
import { PRELOAD_FLAGS } from '../process/node-flags.js'
import type { Place } from '../stack/call-sites.js'
import type { Cause, InheritedItem, Mode } from '../types.js'
import { normalizeModeRun } from './compare-runs.js'
import type { EngineContext } from './context.js'
import { type ModeRun, outcomesOf, runMode } from './modes.js'
import { ParentHost } from './parent-host.js'
import type { PlannedScenarioRun } from './plan.js'
import type { ParentState } from './run-scenario.js'
import { computeScenarioDelta } from './scenario-delta.js'

export interface AttributionInput {
  scenario: PlannedScenarioRun
  parent: ParentHost
  state: ParentState
  runs: Record<Mode, ModeRun[]>
  normalized: Record<Mode, ComparableOutcome[][]>
  classification: Classification
  context: EngineContext
}

/** How the causes were found. */
export interface AttributionInfo {
  /** Extra child runs bisection spent. */
  runs: number
  /** True when the run budget ran out before the set of causes was minimal. */
  bounded: boolean
  /** Why no cause could be confirmed, when none was. */
  note?: string
}

export interface Attribution {
  causes: Cause[]
  harmlessReads: InheritedItem[]
  info?: AttributionInfo
  /** A shell command reproducing the fork-like outcome with only the causes. */
  reproduce?: string
}

const PRELOAD_FLAG = new RegExp(`^(?:${PRELOAD_FLAGS.join('|')})(?:[ =]|$)`)

function isPreload(item: DeltaItem): boolean {
  return (
    (item.kind === 'execArgv' && PRELOAD_FLAG.test(item.name ?? '')) ||
    (item.kind === 'env' && item.name === 'NODE_OPTIONS')
  )
}

/** Globals present at start in fork-like children but in no spawn-like one. */
export function findForkOnlyGlobals(runs: Record<Mode, ModeRun[]>): string[] {
  return [...collectInitialGlobals(runs.fork, collectInitialGlobals(runs.spawn))].sort()
}

/** The names of the children's initial globals, over runs, but those in `skip`. */
function collectInitialGlobals(runs: ModeRun[], skip?: Set<string>): Set<string> {
  // Plain loops: flatMap over lists of some 125 names per child cost 15 times as much.
  const names = new Set<string>()
  for (const run of runs) {
    for (const result of run.results) {
      for (const name of result.initialGlobals) if (!skip?.has(name)) names.add(name)
    }
  }
  return names
}

function forkReads(runs: ModeRun[]): ProbeRead[] {
  return runs.flatMap((run) => run.results.flatMap((result) => result.reads))
}

/** Where user code first touched a delta item, if probes saw it. */
function findReadAt(item: DeltaItem, reads: ProbeRead[]): Place | undefined {
  const first = (test: (read: ProbeRead) => boolean) => reads.find(test)
  const viaGlobal = isPreload(item) ? first((read) => read.kind === 'global') : undefined
  if (item.kind === 'env') {
    return (
      first((read) => read.kind === 'env' && read.name === item.name) ??
      viaGlobal ??
      first((read) => read.kind === 'env' && read.name === '*')
    )
  }
  if (item.kind === 'execArgv') return viaGlobal ?? first((read) => read.kind === 'execArgv')
  return first((read) => read.kind === item.kind)
}

function toCauses(
  items: DeltaItem[],
  reads: ProbeRead[],
  state: ParentState,
  confirmed: boolean,
  globals: string[],
  startEnv: Record<string, string>,
): Cause[] {
  const causes: Cause[] = []
  for (const item of items) {
    if (item.kind === 'cluster') {
      // One start method brings both: probes tell whether the role or a shared listen mattered.
      const listen = reads.find((read) => read.kind === 'cluster' && read.name === 'listen')
      const role = reads.find((read) => read.kind === 'cluster' && read.name === 'role')
      if (listen)
        causes.push(
          withPlaces({ kind: 'cluster', name: 'listen', confirmed }, state.setAt['cluster:listen'], listen),
        )
      if (role || !listen)
        causes.push(withPlaces({ kind: 'cluster', name: 'role', confirmed }, undefined, role))
      continue
    }
    const setAt =
      item.kind === 'env'
        ? state.setAt[`env:${item.name}`]
        : item.kind === 'cwd'
          ? state.setAt.cwd
          : undefined
    const cause: Cause = { kind: item.kind, confirmed }
    if (item.name !== undefined) cause.name = item.name
    causes.push(withPlaces(cause, setAt, findReadAt(item, reads)))
    if (item.kind === 'env' && setAt === undefined && cameFromStart(item.name, state, startEnv))
      cause.setBeforeRun = true
    if (isPreload(item)) {
      for (const name of globals) {
        const read = reads.find((entry) => entry.kind === 'global' && entry.name === name)
        causes.push(withPlaces({ kind: 'global', name, confirmed }, undefined, read))
      }
    }
  }
  return causes
}

/** The parent started with the variable and still has it as it was: no one in the run set it. */
function cameFromStart(
  name: string | undefined,
  state: ParentState,
  startEnv: Record<string, string>,
): boolean {
  return name !== undefined && Object.hasOwn(startEnv, name) && state.env[name] === startEnv[name]
}

function withPlaces(cause: Cause, set: Place | undefined, read: Place | undefined): Cause {
  if (set !== undefined) cause.setAt = set.at
  if (set?.via !== undefined) cause.setVia = set.via
  if (read !== undefined) cause.readAt = read.at
  if (read?.via !== undefined) cause.readVia = read.via
  return cause
}

/** The delta items the fork-like child touched, per its probes. */
function findTouched(delta: DeltaItem[], reads: ProbeRead[]): DeltaItem[] {
  return delta.filter((item) => findReadAt(item, reads) !== undefined)
}

/**
 * Names the inherited state behind a difference: computes what fork-like had that spawn-like did
 * not, then re-runs a spawn-like child with subsets of it added back until the smallest set that
 * reproduces the fork-like outcome is found. For `same`, lists the harmless reads instead.
 */
export async function attributeDifference(input: AttributionInput): Promise<Attribution> {
  const { scenario, state, context, classification } = input
  const reads = forkReads(input.runs.fork)
  // Harmless reads are delta items the child read: with no reads there are none to look for.
  if (classification.verdict !== 'differs' && reads.length === 0) return { causes: [], harmlessReads: [] }
  const options = scenario.options!
  const { forkEnv, spawnEnv, delta } = computeScenarioDelta(options, state, context)
  const touched = findTouched(delta, reads)
  if (classification.verdict !== 'differs') {
    return {
      causes: [],
      harmlessReads: touched.map(({ kind, name }) => (name === undefined ? { kind } : { kind, name })),
    }
  }
  const forkOnlyGlobals = findForkOnlyGlobals(input.runs)
  const base = {
    spawnEnv,
    forkEnv,
    childExecArgv: options.childExecArgv,
    root: context.root,
    parentCwd: state.cwd,
  }
  const reference = input.normalized.fork
  const referenceAsIs = input.runs.fork.map(outcomesOf)
  const trial = async (items: DeltaItem[]): Promise<boolean> => {
    const { spec, parentEnv } = makeTrialSpec(items, base)
    const host = parentEnv
      ? new ParentHost({ root: context.root, env: parentEnv, execArgv: [] })
      : input.parent
    try {
      const watch = makeProbeWatch(delta, forkOnlyGlobals)
      const run = await runMode(host, scenario, spec, state.input, context, false, watch)
      if (run === undefined) return false
      // Exactly the fork-like outcomes is a match, even where normalization would tell them apart.
      if (cameBackIdentical([...referenceAsIs, outcomesOf(run)])) return true
      return matchesReference(reference, [normalizeModeRun(run, context.root)], classification.masked)
    } finally {
      if (host !== input.parent) await host.close()
    }
  }
  const result = await bisect(touched, delta, trial, context.maxBisectRuns)
  const info: AttributionInfo = { runs: result.runs, bounded: result.bounded }
  if (result.found === undefined) {
    info.note =
      'Adding back everything the fork-like child inherited did not reproduce its outcome: the difference may come from state outside the inherited items (open handles, timing).'
    return {
      causes: toCauses(touched, reads, state, false, forkOnlyGlobals, context.parentEnv),
      harmlessReads: [],
      info,
    }
  }
  const inputFile = state.input === undefined ? undefined : await saveInput(state.input, context.root)
  const { command, missing } = makeReproducer({
    causes: result.found,
    root: context.root,
    file: scenario.file,
    exportName: scenario.exportName,
    forkEnv,
    harnessEnv: context.harnessEnv,
    spawnEnv,
    childExecArgv: options.childExecArgv,
    parentCwd: state.cwd,
    showEnvValues: context.showEnvValues ?? false,
    ...(scenario.loader === undefined ? {} : { loader: scenario.loader }),
    ...(inputFile === undefined ? {} : { inputFile }),
  })
  const reproduce =
    missing.length > 0 ? `${command}   # cannot come from a shell: ${missing.join(', ')}` : command
  const causes = toCauses(result.found, reads, state, true, forkOnlyGlobals, context.parentEnv)
  return { causes, harmlessReads: [], info, reproduce }
}
