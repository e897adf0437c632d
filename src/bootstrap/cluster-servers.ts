import type { Server } from 'node:net'

// A cluster worker's server listens through the primary, and Node lists it as something else than
// a plain process's server. Round robin (the default) leaves the worker no socket at all: the
// server gets a fake handle, a plain object of cluster's that holds the worker with a
// `setInterval(noop, TIMEOUT_MAX)` while the server is ref'd (`rr` in lib/internal/cluster/child.js),
// listed as `Timeout`. A shared handle (SCHED_NONE) arrives over IPC as a socket-type TCP handle,
// listed as `TCPSocketWrap`. A dgram socket is shared either way and lists as it does elsewhere.

interface ClusterHandle {
  close?: unknown
  hasRef?: () => boolean
  constructor?: { name?: string }
}

interface WorkerServer extends Server {
  _handle?: ClusterHandle | null
  /** Set by server.unref(), cleared by server.ref(). */
  _unref?: boolean
}

/** One server of the primary's: what the worker lists for it and what a plain process would. */
export interface StandIn {
  server: Server
  listed: 'Timeout' | 'TCPSocketWrap'
  standsFor: 'TCPServerWrap' | 'PipeWrap'
}

function findStandIn(server: WorkerServer): StandIn | undefined {
  const handle = server._handle
  if (!server.listening || !handle) return undefined
  const standsFor = typeof server.address() === 'string' ? 'PipeWrap' : 'TCPServerWrap'
  // Round robin: cluster's interval exists exactly while the server is ref'd.
  if (Object.getPrototypeOf(handle) === Object.prototype) {
    return server._unref ? undefined : { server, listed: 'Timeout', standsFor }
  }
  // Shared: the handle came from the primary, and cluster wrapped its close() to tell it.
  const shared = Object.hasOwn(handle, 'close') && handle.constructor?.name === 'TCP'
  return shared && handle.hasRef?.() ? { server, listed: 'TCPSocketWrap', standsFor } : undefined
}

/**
 * The servers among `servers` (those that listened through the primary) that keep the worker
 * alive under another name than a plain process's; ones no longer listening leave the set.
 */
export function findStandIns(servers: Set<Server>): StandIn[] {
  const found: StandIn[] = []
  for (const server of servers) {
    if (!server.listening) {
      servers.delete(server)
      continue
    }
    const standIn = findStandIn(server as WorkerServer)
    if (standIn) found.push(standIn)
  }
  return found
}

/**
 * Resource types as a plain process would list them: one `Timeout` (round robin) or
 * `TCPSocketWrap` (shared handle) per server of the primary becomes the server it stands for.
 *
 * @example
 * nameClusterServers(['PipeWrap', 'Timeout'], servers) // ['PipeWrap', 'TCPServerWrap']
 */
export function nameClusterServers(types: string[], servers: Set<Server>): string[] {
  if (servers.size === 0) return types
  const named = [...types]
  for (const { listed, standsFor } of findStandIns(servers)) {
    const index = named.indexOf(listed)
    if (index >= 0) named[index] = standsFor
  }
  return named
}
