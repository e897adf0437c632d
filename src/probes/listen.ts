import { subscribe } from 'node:diagnostics_channel'
import type { Server } from 'node:net'
import type { Recorder } from './recorder.js'

export interface ListenProbeOptions {
  /** Filled with the port of every server that listens. */
  ports: number[]
  /** In a cluster worker, filled with every server that listens through the primary. */
  servers: Set<Server>
  clusterWorker: boolean
}

/**
 * Records the port of every server that starts listening (for normalization), and in a cluster
 * worker records each listen as served by the primary, and its server (open handles name it).
 * Through Node's own listen channels rather than by wrapping net.Server (Node >= 20.16 and 22.3
 * publish them): a spawn-like child never has to load node:net for it. The user frame is taken at
 * `asyncStart`, which runs inside listen().
 */
export function probeListen(recorder: Recorder, { ports, servers, clusterWorker }: ListenProbeOptions): void {
  subscribe('tracing:net.server.listen:asyncStart', (message) => {
    const { server, options } = message as { server: Server; options?: { exclusive?: unknown } }
    if (!clusterWorker || options?.exclusive === true) return
    recorder.record('cluster', 'listen')
    servers.add(server)
  })
  subscribe('tracing:net.server.listen:asyncEnd', (message) => {
    const address = (message as { server: Server }).server.address()
    if (address && typeof address === 'object') ports.push(address.port)
  })
}
