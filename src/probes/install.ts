import { syncBuiltinESMExports } from 'node:module'
import net from 'node:net'
import { probeCluster } from './cluster.js'
import { probeEnv } from './env.js'
import { probeListen } from './listen.js'
import { probeCwd, probeExecArgv, probeGlobals, probeIpc } from './process.js'
import type { Recorder } from './recorder.js'
import { wrapMethod } from './wrap.js'

/** Every child probe, installed the same way in both modes before user code loads. */
export function installChildProbes(
  recorder: Recorder,
  { ports, watchGlobals, reads = true }: { ports: number[]; watchGlobals: string[]; reads?: boolean },
): void {
  probeListen(ports, recorder)
  // Without read probes only ports are recorded: used to measure what the probes cost.
  if (!reads) return
  probeEnv(recorder)
  probeIpc(recorder)
  probeExecArgv(recorder)
  probeCwd(recorder)
  probeCluster(recorder)
  probeGlobals(recorder, watchGlobals)
  // ESM named imports of builtins (`import { env } from 'node:process'`, `readFileSync` from
  // node:fs) bind early: refresh them once, after every probe is in place.
  syncBuiltinESMExports()
}

/** The parent's recorders: where parent() set env vars, changed cwd, opened a listen socket. */
export function installParentRecorders(recorder: Recorder): void {
  probeEnv(recorder, { reads: false, writes: true })
  wrapMethod(process, 'chdir', () => recorder.record('cwd'))
  wrapMethod(net.Server.prototype, 'listen', () => recorder.record('cluster', 'listen'))
  syncBuiltinESMExports()
}
