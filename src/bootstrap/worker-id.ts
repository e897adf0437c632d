import type { Cluster } from 'node:cluster'

/**
 * Gives a cluster worker the id a fresh primary would give it: `worker + 1`. A parent process
 * forks one worker per child of every run and scenario it serves (shared parents, repeats), so
 * cluster's own id counts those too, and code that logs or returns `cluster.worker.id` would vary
 * between runs of the fork-like mode for forkcheck's reasons alone, hiding a real difference as
 * `flaky`. Node reads the id nowhere in the worker after setting it.
 */
export function numberClusterWorker(worker: number): void {
  // The module object itself (its typings describe the ES namespace).
  const cluster = process.getBuiltinModule('node:cluster') as unknown as Cluster
  if (cluster.worker !== undefined) cluster.worker.id = worker + 1
}
