import { subscribe } from 'node:diagnostics_channel'
import type { ListenOptions, Server } from 'node:net'
import type { Recorder } from './recorder.js'

export interface ListenProbeOptions {
  /** Filled with the port of every server that listens on a port the system chose. */
  ports: number[]
  /** In a cluster worker, filled with every server that listens through the primary. */
  servers: Set<Server>
  clusterWorker: boolean
}

/**
 * Whether a listen left the port to the system (`listen(0)`, or no port at all): only such a port
 * is volatile. A port asked for by number is a setting, and one that comes from inherited state
 * (a `PORT` the parent set) must show as a difference.
 */
function leavesPortToSystem(options: ListenOptions | undefined): boolean {
  if (options === undefined) return true
  const { port } = options
  return port === undefined || port === null || Number(port) === 0
}

/**
 * Records the port of every server that starts listening on a port the system chose (for
 * normalization), and in a cluster worker records each listen as served by the primary, and its
 * server (open handles name it). Through Node's own listen channels rather than by wrapping
 * net.Server (Node >= 20.16 and 22.3 publish them): a spawn-like child never has to load node:net
 * for it. The user frame is taken at `asyncStart`, which runs inside listen(); `asyncEnd` carries
 * the server alone, so what the listen asked for is kept per server in between.
 */
export function probeListen(recorder: Recorder, { ports, servers, clusterWorker }: ListenProbeOptions): void {
  const asksAnyPort = new WeakMap<Server, boolean>()
  subscribe('tracing:net.server.listen:asyncStart', (message) => {
    const { server, options } = message as {
      server: Server
      options?: ListenOptions & { exclusive?: unknown }
    }
    asksAnyPort.set(server, leavesPortToSystem(options))
    if (!clusterWorker || options?.exclusive === true) return
    recorder.record('cluster', 'listen')
    servers.add(server)
  })
  subscribe('tracing:net.server.listen:asyncEnd', (message) => {
    const { server } = message as { server: Server }
    if (asksAnyPort.get(server) === false) return
    const address = server.address()
    if (address && typeof address === 'object') ports.push(address.port)
  })
}
