import cluster from 'node:cluster'
import { defineScenario } from 'forkcheck'

// Libraries that branch on cluster.isPrimary (e.g. to start a metrics server once) take the other branch.
export default defineScenario({
  name: 'cluster role seen by the child',
  expect: 'differs',
  child() {
    return {
      isPrimary: cluster.isPrimary,
      isWorker: cluster.isWorker,
      hasWorker: cluster.worker !== undefined,
    }
  },
})
