import { subscribe } from 'node:diagnostics_channel'
import type { Server } from 'node:net'
import type { Recorder } from './recorder.js'

/**
 * Records the port of every server that starts listening (for normalization), and in a cluster
 * worker records each listen as served by the primary. Through Node's own listen channels rather
 * than by wrapping net.Server (Node >= 20.16 and 22.3 publish them): a spawn-like child never has
 * to load node:net for it. The user frame is taken at `asyncStart`, which runs inside listen().
 */
export function probeListen(ports: number[], recorder: Recorder, clusterWorker: boolean): void {
  subscribe('tracing:net.server.listen:asyncStart', (message) => {
    const { options } = message as { options?: { exclusive?: unknown } }
    if (clusterWorker && options?.exclusive !== true) recorder.record('cluster', 'listen')
  })
  subscribe('tracing:net.server.listen:asyncEnd', (message) => {
    const address = (message as { server: Server }).server.address()
    if (address && typeof address === 'object') ports.push(address.port)
  })
}
