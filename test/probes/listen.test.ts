import { once } from 'node:events'
import { createServer, type Server } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { probeListen } from '../../src/probes/listen.js'
import { Recorder } from '../../src/probes/recorder.js'

const open: Server[] = []

async function listen(...args: unknown[]): Promise<number> {
  const server = createServer()
  open.push(server)
  server.listen(...(args as Parameters<Server['listen']>))
  await once(server, 'listening')
  return (server.address() as { port: number }).port
}

afterEach(async () => {
  await Promise.all(open.splice(0).map((server) => new Promise((resolve) => server.close(resolve))))
})

describe('probeListen', () => {
  // Subscriptions to Node's listen channels stay for the process: one probe serves every test.
  const ports: number[] = []
  probeListen(new Recorder(process.cwd(), process.cwd()), { ports, servers: new Set(), clusterWorker: false })

  it('records the ports the system chose, for normalization', async () => {
    ports.length = 0
    const chosen = [
      await listen(0, '127.0.0.1'),
      await listen({ port: 0, host: '127.0.0.1' }),
      await listen({ port: '0', host: '127.0.0.1' }),
      await listen({ port: null, host: '127.0.0.1' }),
    ]
    expect(ports).toEqual(chosen)
  })

  it('leaves out a port asked for by number: a setting, which may come from inherited state', async () => {
    const free = await listen(0, '127.0.0.1')
    await new Promise((resolve) => open.pop()?.close(resolve))
    ports.length = 0
    expect(await listen(free, '127.0.0.1')).toBe(free)
    await new Promise((resolve) => open.pop()?.close(resolve))
    expect(await listen({ port: String(free), host: '127.0.0.1' })).toBe(free)
    expect(ports).toEqual([])
  })
})
