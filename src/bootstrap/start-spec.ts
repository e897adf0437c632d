import type { ProbeWatch } from '../probes/watch.js'
import type { SelfImport } from '../scenario/self-import.js'

/** How the parent starts the children of one run. */
export interface StartSpec {
  /** `cluster`: a worker of this parent (fork-like); `spawn`: a clean child_process.spawn. */
  via: 'cluster' | 'spawn'
  /** spawn only: give the child an IPC channel (used by bisection). */
  ipc: boolean
  /** spawn: the child's whole environment; cluster: variables added on top of the parent's. */
  env: Record<string, string>
  /** The child's Node flags (cluster: replaces the parent's execArgv). */
  execArgv: string[]
  /** The child's working directory; undefined inherits the parent's current one. */
  cwd: string | undefined
}

/** What the parent needs to run one mode of one scenario. */
export interface RunRequest {
  type: 'run'
  spec: StartSpec
  file: string
  exportName: string
  root: string
  workers: number
  timeout: number
  /** parent()'s result as encodeInput wrote it (src/bootstrap/input.ts). */
  input: string | undefined
  tsCacheDir: string | undefined
  /** Where `forkcheck` resolves from the scenario's folder, when it is this harness's entry. */
  selfImport: SelfImport | undefined
  /** Output beyond this many bytes per stream is counted, not kept. */
  outputCap: number
  /** A module that imports the scenario file instead of a plain import (vitest test files). */
  loader: string | undefined
  /** What the children's read probes watch (see ChildInit); undefined: no read probes. */
  watch: ProbeWatch | undefined
  /** Run the loaded scenario's parentWhileChildren in this parent while children run. */
  runParentWhileChildren: boolean
}
