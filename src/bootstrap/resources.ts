import type { Server } from 'node:net'
import { nameClusterServers } from './cluster-servers.js'

/**
 * The types of resources keeping the event loop alive, e.g. `['TCPServerWrap', 'Timeout']`, with a
 * cluster worker's `servers` (those that listened through the primary) named as a plain process
 * names them.
 */
export function activeResources(servers?: Set<Server>): string[] {
  const types = process.getActiveResourcesInfo()
  return servers === undefined ? types : nameClusterServers(types, servers)
}

/** What `after` holds beyond `before`, as a sorted multiset difference. */
export function addedResources(before: string[], after: string[]): string[] {
  const remaining = new Map<string, number>()
  for (const type of before) remaining.set(type, (remaining.get(type) ?? 0) + 1)
  const added: string[] = []
  for (const type of after) {
    const left = remaining.get(type) ?? 0
    if (left > 0) remaining.set(type, left - 1)
    else added.push(type)
  }
  return added.sort()
}
