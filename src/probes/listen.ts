import cluster from 'node:cluster'
import net from 'node:net'
import type { Recorder } from './recorder.js'

/**
 * Records the port of every server that starts listening (for normalization), and in a cluster
 * worker records each listen as served by the primary. The listen may resolve its host
 * asynchronously, so the user frame is taken here, at the call.
 */
export function probeListen(ports: number[], recorder: Recorder): void {
  // Read once, before the cluster probe wraps the role (Node removes NODE_UNIQUE_ID from env).
  const isWorker = cluster.isWorker
  const original = net.Server.prototype.listen
  const wrapped = function (this: net.Server, ...args: unknown[]) {
    const exclusive =
      typeof args[0] === 'object' && (args[0] as { exclusive?: boolean } | null)?.exclusive === true
    if (isWorker && !exclusive) recorder.record('cluster', 'listen')
    this.once('listening', () => {
      const address = this.address()
      if (address && typeof address === 'object') ports.push(address.port)
    })
    return Reflect.apply(original, this, args)
  }
  Object.defineProperty(wrapped, 'name', { value: original.name })
  net.Server.prototype.listen = wrapped as typeof original
}
