import cluster from 'node:cluster'
import { defineScenario } from 'forkcheck'
import { createBatchLog, type FlushOn } from './fixtures/classic-batch-log.js'

// Python: pool workers end through os._exit(), so their atexit cleanup never runs (Finalize does).
// Node: a worker app stops on SIGTERM and lets go of its primary with process.disconnect(). Where
// there is no primary (a clean spawn) the process then runs out of work and ends, emitting
// 'beforeExit'; a cluster worker instead exits at once, because cluster treats a dropped channel as
// a lost primary. A logger that writes its batch in 'beforeExit' loses it there. forkcheck sends
// SIGTERM to a released child that still has work scheduled, as a process manager would, and
// `exitHooks` in the report says which hooks ran.
// Fixed: the logger writes in 'exit', and the app ends with process.exit(), one ending in every mode.

function runWorker(flushOn: FlushOn, ending: 'disconnect' | 'exit') {
  const log = createBatchLog(flushOn)
  const inCluster = cluster.isWorker
  // The worker's own work keeps it alive, so it ends when told to: SIGTERM.
  const heartbeat = setInterval(() => {}, 1_000)
  process.once('SIGTERM', () => {
    clearInterval(heartbeat)
    log('worker stopping')
    if (ending === 'exit') process.exit(0)
    // Let go of the primary so nothing keeps the worker alive (a clean spawn has no primary).
    else if (inCluster) process.disconnect()
  })
  log('job 1 done')
  log('job 2 done')
  return { jobs: 2 }
}

export const bug = defineScenario({
  name: 'a log batch written in beforeExit, the worker ended by process.disconnect()',
  expect: 'differs',
  child: () => runWorker('beforeExit', 'disconnect'),
})

export const fixed = defineScenario({
  name: 'a log batch written in exit, the worker ended by process.exit()',
  child: () => runWorker('exit', 'exit'),
})
