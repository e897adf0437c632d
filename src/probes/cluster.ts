import cluster from 'node:cluster'
import type { Recorder } from './recorder.js'
import { watchProperty } from './wrap.js'

/** Records reads of the cluster role (listens through the primary are recorded by probeListen). */
export function probeCluster(recorder: Recorder): void {
  for (const key of ['isWorker', 'isPrimary', 'isMaster', 'worker']) {
    watchProperty(cluster, key, () => recorder.record('cluster', 'role'))
  }
}
