import { defineScenario } from 'forkcheck'
import { type ProgressSink, runImportJob, toParent, toStdout } from './fixtures/classic-import-job.js'

// Python: a spawned child's log records and exceptions go nowhere unless something forwards them to
// the parent (mpservice does). A Node job that reports progress with process.send() works in a
// cluster worker and crashes in a clean spawn, which has no IPC channel. forkcheck does the
// forwarding: the report keeps each child's stdout, stderr and thrown error, with its stack mapped
// to the TypeScript lines, per mode, run and worker (`outcomes.spawn[run][worker].error.stack`).
// Fixed: the job reports progress on stdout, which every child has however it was started.

const ROWS = ['ada,ada@example.org', 'grace', 'linus,linus@example.org']

const importShard = (worker: number, sink: ProgressSink) => runImportJob(`shard-${worker}`, ROWS, sink)

export const bug = defineScenario({
  name: 'a job that reports progress to its parent over IPC',
  expect: 'differs',
  workers: 2,
  child: ({ worker }) => importShard(worker, toParent),
})

export const fixed = defineScenario({
  name: 'a job that reports progress on stdout',
  workers: 2,
  child: ({ worker }) => importShard(worker, toStdout),
})
