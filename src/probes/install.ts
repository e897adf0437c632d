import type { Server } from 'node:net'
import { hasNodeFlag, PRELOAD_FLAGS } from '../process/node-flags.js'
import { probeCluster } from './cluster.js'
import { probeEnv, recordEnvFileLoads } from './env.js'
import { probeListen } from './listen.js'
import { probeCwd, probeExecArgv, probeGlobals, probeIpc } from './process.js'
import type { Recorder } from './recorder.js'
import type { ProbeWatch } from './watch.js'
import { wrapMethod } from './wrap.js'

export interface ChildProbeOptions {
  /** Filled with the port of every server that listens on a port the system chose. */
  ports: number[]
  /** In a cluster worker, filled with every server that listens through the primary. */
  servers: Set<Server>
  /** The read probes to install; undefined installs none (to measure what they cost). */
  watch: ProbeWatch | undefined
  /** The child is a cluster worker (fork-like): its role and listens are inherited state. */
  clusterWorker: boolean
}

/**
 * ESM named imports of builtins (`import { env } from 'node:process'`, `readFileSync` from
 * node:fs) are copied when a module first imports them. forkcheck's own bundles import none, so
 * only a preload can have made such copies before the probes: refresh them then, once.
 */
function refreshEarlyImports(): void {
  if (hasNodeFlag(PRELOAD_FLAGS)) process.getBuiltinModule('node:module').syncBuiltinESMExports()
}

/** Every child probe, installed the same way in both modes before user code loads. */
export function installChildProbes(
  recorder: Recorder,
  { ports, servers, watch, clusterWorker }: ChildProbeOptions,
): void {
  probeListen(recorder, { ports, servers, clusterWorker })
  if (watch === undefined) return
  if (watch.env.length > 0) probeEnv(recorder, { reads: new Set(watch.env) })
  probeIpc(recorder)
  if (watch.execArgv) probeExecArgv(recorder)
  if (watch.cwd) probeCwd(recorder)
  if (clusterWorker) probeCluster(recorder)
  probeGlobals(recorder, watch.globals)
  refreshEarlyImports()
}

/** The parent's recorders: where parent() set env vars, changed cwd, opened a listen socket. */
export function installParentRecorders(recorder: Recorder): void {
  probeEnv(recorder, { writes: true })
  recordEnvFileLoads(recorder)
  wrapMethod(process, 'chdir', () => recorder.record('cwd'))
  // Lazily: the child bundle holds this module too, and a spawn-like child never loads node:net.
  const { Server } = process.getBuiltinModule('node:net')
  wrapMethod(Server.prototype, 'listen', () => recorder.record('cluster', 'listen'))
  refreshEarlyImports()
}
