import { once } from 'node:events'
import { createServer } from 'node:net'
import { defineScenario } from 'forkcheck'

// Pids, ports and timestamps differ on every run; normalization keeps them from looking like leaks.
export default defineScenario({
  name: 'pids, ports and timestamps in the outcome',
  async child() {
    const server = createServer().listen(0, '127.0.0.1')
    await once(server, 'listening')
    const { port } = server.address() as { port: number }
    server.close()
    console.log(`worker ${process.pid} listening on 127.0.0.1:${port}`)
    return { pid: process.pid, port, now: Date.now(), iso: new Date().toISOString() }
  },
})
