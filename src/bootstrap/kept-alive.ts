import type { Server } from 'node:net'
import { activeResources, addedResources } from './resources.js'

/** How the cluster worker's IPC channel is named when it alone keeps a child alive. */
export const IPC_CHANNEL = 'IPC channel (process.channel)'

/**
 * The resource types keeping this process alive beyond `baseline` (what the harness itself held
 * before user code ran), a cluster worker's `servers` named as servers (see activeResources).
 * When nothing user-made is left but the process is a cluster worker (or has an IPC channel), the
 * channel is what holds it, and it is named as such.
 *
 * @example
 * listKeptAlive(['PipeWrap']) // ['Timeout'] or, in a cluster worker with nothing else, [IPC_CHANNEL]
 */
export function listKeptAlive(baseline: string[], servers?: Set<Server>): string[] {
  const current = activeResources(servers)
  const added = addedResources(baseline, current)
  if (added.length > 0) return added
  if (process.channel !== undefined && process.connected && current.includes('PipeWrap')) return [IPC_CHANNEL]
  // Only what was open before the scenario loaded (a preload's server, say) is left.
  return current.map((type) => `${type} (opened before the scenario loaded)`)
}
