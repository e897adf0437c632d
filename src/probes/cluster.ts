import type { Recorder } from './recorder.js'
import { watchProperty } from './wrap.js'

/**
 * Records reads of the cluster role in a cluster worker, where Node has loaded node:cluster at
 * start; a spawn-like child would pay for loading it, and only fork-like reads name a cause.
 */
export function probeCluster(recorder: Recorder): void {
  const cluster = process.getBuiltinModule('node:cluster')
  for (const key of ['isWorker', 'isPrimary', 'isMaster', 'worker']) {
    watchProperty(cluster, key, () => recorder.record('cluster', 'role'))
  }
}
