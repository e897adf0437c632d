import { once } from 'node:events'
import { createServer } from 'node:net'
import { setTimeout as sleep } from 'node:timers/promises'
import { defineScenario } from 'forkcheck'

// Cluster workers share a port through the primary; two clean processes collide on it.
export default defineScenario({
  name: 'two workers listening on one fixed port',
  expect: 'differs',
  workers: 2,
  async child() {
    const server = createServer()
    server.listen(47_311, '127.0.0.1')
    const [event] = await Promise.race([
      once(server, 'listening').then(() => ['listening']),
      once(server, 'error'),
    ])
    const result = event === 'listening' ? 'listening' : (event as NodeJS.ErrnoException).code
    // Hold the port long enough for the other worker's attempt to overlap.
    await sleep(300)
    server.close()
    return { result }
  },
})
