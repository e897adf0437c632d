import type { ChildStart } from './children.js'
import type { EnvProbe } from './env-probe.js'
import type { HandleProbe } from './handles.js'
import { diffListeners, type ListenerProbe, takeListenerSnapshot } from './listeners.js'
import type { SentinelOptions } from './options.js'
import type { ProcessProbe } from './process-probe.js'
import type { Leak } from './report.js'
import { copyEnv, diffArgv, diffEnv, diffGlobals, type EnvChange, type StateSnapshot } from './snapshot.js'
import { findUserFrame, toRelative } from './stack.js'

/** The probes a sentinel installed; a probe is absent when every category it serves is `off`. */
export interface Probes {
  env?: EnvProbe
  process?: ProcessProbe
  listeners?: ListenerProbe
  handles?: HandleProbe
}

/** What one test file is compared against. */
export interface FileBaseline {
  root: string
  snapshot: StateSnapshot
  handleMark: number
}

/** Everything the sentinel needs to turn differences into attributed leaks. */
export interface CollectContext {
  baseline: FileBaseline
  probes: Probes
  options: SentinelOptions
  global: object
}

const NODE_OPTIONS = 'NODE_OPTIONS'

/** The env, cwd, execArgv, globals, listeners and handles the file left behind. */
export function collectStateLeaks(context: CollectContext): Leak[] {
  const { severity } = context.options
  return [
    ...(severity.env === 'off' ? [] : collectEnvLeaks(context)),
    ...(severity.cwd === 'off' ? [] : collectCwdLeaks(context)),
    ...(severity.execArgv === 'off' ? [] : collectExecArgvLeaks(context)),
    ...(severity.globals === 'off' ? [] : collectGlobalLeaks(context)),
    ...(severity.listeners === 'off' ? [] : collectListenerLeaks(context)),
    ...(severity.handles === 'off' ? [] : collectHandleLeaks(context)),
  ]
}

/** The leaked items a child was handed when it started, e.g. `FOO (set at test/a.test.ts:3)`. */
export function collectInheritance(context: CollectContext, start: ChildStart): string[] {
  const { baseline, probes, options } = context
  const { severity } = options
  const items: string[] = []
  const handed = (name: string, change: EnvChange): boolean =>
    start.env === undefined || (change !== 'removed' && start.env[name] === process.env[name])
  for (const { name, change } of diffEnv(baseline.snapshot.env, copyEnv(process.env))) {
    const category = name === NODE_OPTIONS ? severity.execArgv : severity.env
    if (category === 'off' || options.isAllowedEnv(name) || !handed(name, change)) continue
    items.push(describeOrigin(name, change, locate(context, probes.env?.originOf(name))))
  }
  if (severity.cwd !== 'off' && start.inheritsCwd && process.cwd() !== baseline.snapshot.cwd) {
    const where = locate(context, probes.process?.cwdOrigin())
    items.push(describeOrigin(`cwd ${toRelative(baseline.root, process.cwd())}`, 'changed', where))
  }
  if (severity.execArgv !== 'off' && start.inheritsExecArgv) {
    const where = locate(context, probes.process?.execArgvOrigin())
    for (const flag of diffArgv(baseline.snapshot.execArgv, process.execArgv).added) {
      items.push(describeOrigin(flag, 'added', where))
    }
  }
  return items
}

function collectEnvLeaks(context: CollectContext): Leak[] {
  const { baseline, probes, options } = context
  return diffEnv(baseline.snapshot.env, copyEnv(process.env))
    .filter(({ name }) => name !== NODE_OPTIONS && !options.isAllowedEnv(name))
    .map(({ name, change }) => ({
      category: 'env',
      subject: name,
      change,
      at: locate(context, probes.env?.originOf(name)),
    }))
}

function collectCwdLeaks(context: CollectContext): Leak[] {
  const { baseline, probes } = context
  const cwd = process.cwd()
  if (cwd === baseline.snapshot.cwd) return []
  return [
    {
      category: 'cwd',
      subject: 'working directory',
      change: `changed to ${toRelative(baseline.root, cwd)}`,
      at: locate(context, probes.process?.cwdOrigin()),
    },
  ]
}

function collectExecArgvLeaks(context: CollectContext): Leak[] {
  const { baseline, probes, options } = context
  const where = locate(context, probes.process?.execArgvOrigin())
  const { added, removed } = diffArgv(baseline.snapshot.execArgv, process.execArgv)
  const leaks: Leak[] = [
    ...added.map((flag): Leak => ({ category: 'execArgv', subject: flag, change: 'added', at: where })),
    ...removed.map((flag): Leak => ({ category: 'execArgv', subject: flag, change: 'removed', at: where })),
  ]
  const before = baseline.snapshot.env[NODE_OPTIONS]
  const after = process.env[NODE_OPTIONS]
  if (before !== after && !options.isAllowedEnv(NODE_OPTIONS)) {
    const change: EnvChange = before === undefined ? 'set' : after === undefined ? 'removed' : 'changed'
    leaks.push({
      category: 'execArgv',
      subject: NODE_OPTIONS,
      change,
      at: locate(context, probes.env?.originOf(NODE_OPTIONS)),
    })
  }
  return leaks
}

function collectGlobalLeaks(context: CollectContext): Leak[] {
  const { baseline, options, global } = context
  return diffGlobals(baseline.snapshot.globals, global)
    .filter((name) => !options.isAllowedGlobal(name))
    .map((name) => ({ category: 'globals', subject: name, change: 'defined' }))
}

function collectListenerLeaks(context: CollectContext): Leak[] {
  const leaks: Leak[] = []
  for (const { event, listener } of diffListeners(
    context.baseline.snapshot.listeners,
    takeListenerSnapshot(),
  )) {
    // Unrecorded or without a user frame: vitest's or Node's own listener.
    const at = locate(context, context.probes.listeners?.originOf(listener))
    if (at === undefined) continue
    leaks.push({ category: 'listeners', subject: `process.on(${formatEvent(event)})`, change: 'added', at })
  }
  return leaks
}

function collectHandleLeaks(context: CollectContext): Leak[] {
  const leaks: Leak[] = []
  for (const handle of context.probes.handles?.openSince(context.baseline.handleMark) ?? []) {
    // Without a user frame it is vitest's or Node's own handle.
    const at = locate(context, handle.origin)
    if (at === undefined) continue
    leaks.push({ category: 'handles', subject: handle.label, change: 'still open, created', at })
  }
  return leaks
}

function locate(context: CollectContext, origin: { stack?: string } | undefined): string | undefined {
  return findUserFrame(origin?.stack, context.baseline.root)
}

function describeOrigin(subject: string, change: string, at: string | undefined): string {
  return at === undefined ? `${subject} (${change})` : `${subject} (${change} at ${at})`
}

function formatEvent(event: string | symbol): string {
  return typeof event === 'string' ? `'${event}'` : String(event)
}
