import { once } from 'node:events'
import { createServer } from 'node:net'
import { setTimeout as sleep } from 'node:timers/promises'
import { defineScenario } from 'forkcheck'

// listen(0) in two cluster workers yields one shared port; two clean processes get one each.
export default defineScenario({
  name: 'listen(0) in two workers',
  expect: 'differs',
  workers: 2,
  async child() {
    const server = createServer().listen(0, '127.0.0.1')
    await once(server, 'listening')
    const { port } = server.address() as { port: number }
    await sleep(300)
    server.close()
    return { port }
  },
})
