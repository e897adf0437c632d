import type { Socket } from 'node:net'
import { defineScenario } from 'forkcheck'
import {
  borrowOrConnect,
  connectKv,
  createKvClient,
  keepBusy,
  lendToWorkers,
  startKvServer,
} from './fixtures/classic-kv.js'

// Python: a Manager proxy that connected before os.fork() is used by parent and child at once, and
// the reply stream breaks. Node copies no socket into a worker, but a primary can hand its open
// connection to its workers over IPC and keep using it. Then three processes read one socket:
// whoever reads first takes the replies, and each client gets answers to requests it never sent.
// A clean spawn has no primary to borrow from and connects itself, so it never sees the problem.
// Fixed: every process opens its own connection, lazily, in child().

const REQUESTS = 200
let primary: Socket | undefined

/** The primary's set-up: a server to talk to, and its own connection, made before any worker starts. */
async function connectPrimary({ lend }: { lend: boolean }) {
  const port = await startKvServer()
  primary = await connectKv(port)
  // The primary reads (and here ignores) every reply that reaches it.
  primary.resume()
  if (lend) lendToWorkers(primary)
  return { port }
}

async function countVisits(socket: Socket, worker: number) {
  const kv = createKvClient(socket, `worker-${worker}`)
  try {
    for (let request = 0; request < REQUESTS; request++) await kv.incr('visits')
    return { requests: REQUESTS }
  } finally {
    kv.close()
  }
}

export const bug = defineScenario({
  name: 'workers borrow the connection the primary keeps using',
  expect: 'differs',
  workers: 2,
  parent: () => connectPrimary({ lend: true }),
  parentWhileChildren: () => keepBusy(primary!, 300),
  child: async ({ input, worker }) => countVisits(await borrowOrConnect(input.port), worker),
})

export const fixed = defineScenario({
  name: 'every process opens its own connection',
  workers: 2,
  parent: () => connectPrimary({ lend: false }),
  parentWhileChildren: () => keepBusy(primary!, 300),
  child: async ({ input, worker }) => countVisits(await connectKv(input.port), worker),
})
