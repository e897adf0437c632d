import type { Server } from 'node:net'
import { nameClusterServers } from './cluster-servers.js'

interface HandleOwner {
  _isStdio?: boolean
  _handle?: { constructor?: { name?: string } } | null
}

/** The resource type Node lists for a stdio stream's handle, by the handle's class. */
const STDIO_TYPES: Record<string, string> = { Pipe: 'PipeWrap', TTY: 'TTYWrap', TCP: 'TCPSocketWrap' }

// process.stdout and process.stderr get a handle when code first touches them, and Node lists it
// from then on, but an idle one keeps nothing alive: a write still in flight is listed on its own
// (SimpleWriteWrap, WriteWrap). Left in, a child that merely logged would read as held open.
// stdin is /dev/null in both modes: a file, never a handle.
function withoutStdio(types: string[]): string[] {
  const owners =
    (process as unknown as { _getActiveHandles?: () => HandleOwner[] })._getActiveHandles?.() ?? []
  const left = [...types]
  for (const owner of owners) {
    const type = owner._isStdio === true ? STDIO_TYPES[owner._handle?.constructor?.name ?? ''] : undefined
    const index = type === undefined ? -1 : left.indexOf(type)
    if (index >= 0) left.splice(index, 1)
  }
  return left
}

/**
 * The types of resources keeping the event loop alive, e.g. `['TCPServerWrap', 'Timeout']`: not
 * the stdout and stderr streams' own handles, and a cluster worker's `servers` (those that listened
 * through the primary) named as a plain process names them.
 */
export function activeResources(servers?: Set<Server>): string[] {
  const types = withoutStdio(process.getActiveResourcesInfo())
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

/**
 * The types of requests in flight (`FSReqCallback`, `WriteWrap`, …), as Node lists them. A request
 * ends by itself once its work is done, unlike a handle, which stays until it is closed.
 */
export function requestsInFlight(): Set<string> {
  const requests =
    (process as unknown as { _getActiveRequests?: () => object[] })._getActiveRequests?.() ?? []
  return new Set(requests.map((request) => request.constructor.name))
}
