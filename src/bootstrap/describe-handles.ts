import type { Server } from 'node:net'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { locatePosition } from '../stack/call-sites.js'
import { findStandIns } from './cluster-servers.js'

// Run only when a child has timed out and is about to be stopped: an always-on async_hooks init
// hook would have recorded creation stacks, but it slows every promise ~10x. The inspector finds
// live timers and their callbacks after the fact, at no cost until then.

/** Longest child process command shown. */
const MAX_COMMAND = 80

interface Session {
  post(method: string, params?: object, callback?: (error: Error | null, result?: unknown) => void): void
  on(event: string, listener: (message: { params: Record<string, unknown> }) => void): void
  connect(): void
  disconnect(): void
}

type Post = <T>(method: string, params?: object) => T

function makePost(session: Session): Post {
  return <T>(method: string, params?: object): T => {
    let result: unknown
    let failure: Error | null = null
    // An in-process session answers synchronously.
    session.post(method, params, (error, value) => {
      failure = error
      result = value
    })
    if (failure) throw failure
    return result as T
  }
}

interface TimerFacts {
  repeat: number | null
  ms: number
  name: string
}

/** Live, ref'd timers whose callbacks are user code, as `Timeout (setInterval 1000 ms, …)`. */
async function describeTimers(root: string, harnessDir: string): Promise<string[]> {
  const { Session } = (await import('node:inspector')) as unknown as { Session: new () => Session }
  const session = new Session()
  session.connect()
  const post = makePost(session)
  const harnessUrl = pathToFileURL(harnessDir).href
  const scripts = new Map<string, string>()
  session.on('Debugger.scriptParsed', ({ params }) =>
    scripts.set(String(params.scriptId), String(params.url)),
  )
  try {
    post('Debugger.enable')
    const expression =
      '(() => { const t = setTimeout(() => {}, 0); clearTimeout(t); return Object.getPrototypeOf(t) })()'
    const proto = post<{ result: { objectId: string } }>('Runtime.evaluate', {
      expression,
      objectGroup: 'fc',
    })
    const all = post<{ objects: { objectId: string } }>('Runtime.queryObjects', {
      prototypeObjectId: proto.result.objectId,
      objectGroup: 'fc',
    })
    const live =
      'function () { return this.filter((t) => !t._destroyed && t._idleTimeout >= 0 && t.hasRef()) }'
    const timers = post<{ result: { objectId: string } }>('Runtime.callFunctionOn', {
      objectId: all.objects.objectId,
      functionDeclaration: live,
      objectGroup: 'fc',
    })
    const facts = post<{ result: { value: TimerFacts[] } }>('Runtime.callFunctionOn', {
      objectId: timers.result.objectId,
      functionDeclaration:
        'function () { return this.map((t) => ({ repeat: t._repeat, ms: t._idleTimeout, name: t._onTimeout?.name ?? "" })) }',
      returnByValue: true,
    }).result.value
    const callbacks = post<{ result: { objectId: string } }>('Runtime.callFunctionOn', {
      objectId: timers.result.objectId,
      functionDeclaration: 'function () { return this.map((t) => t._onTimeout) }',
      objectGroup: 'fc',
    })
    const { result: items } = post<{ result: Array<{ name: string; value?: { objectId?: string } }> }>(
      'Runtime.getProperties',
      { objectId: callbacks.result.objectId, ownProperties: true },
    )
    const described: string[] = []
    for (const item of items) {
      const index = Number(item.name)
      const fact = facts[index]
      if (!Number.isInteger(index) || fact === undefined || item.value?.objectId === undefined) continue
      const { internalProperties = [] } = post<{
        internalProperties?: Array<{
          name: string
          value?: { value?: { scriptId: string; lineNumber: number; columnNumber: number } }
        }>
      }>('Runtime.getProperties', { objectId: item.value.objectId, ownProperties: true })
      const where = internalProperties.find((property) => property.name === '[[FunctionLocation]]')?.value
        ?.value
      const url = where ? scripts.get(where.scriptId) : undefined
      if (!where || !url || url.startsWith('node:') || url.startsWith(harnessUrl)) continue
      // Inspector positions are 0-based.
      const at = url.startsWith('file:')
        ? locatePosition(fileURLToPath(url), where.lineNumber + 1, where.columnNumber + 1, root)
        : undefined
      const kind = fact.repeat === null ? 'setTimeout' : 'setInterval'
      const callback = fact.name ? ` ${fact.name}` : ''
      described.push(`Timeout (${kind} ${fact.ms} ms, callback${callback}${at ? ` at ${at}` : ''})`)
    }
    return described
  } finally {
    try {
      post('Runtime.releaseObjectGroup', { objectGroup: 'fc' })
      post('Debugger.disable')
    } finally {
      session.disconnect()
    }
  }
}

interface HandleLike {
  constructor?: { name?: string }
  pid?: number
  spawnargs?: string[]
  address?: () => unknown
}

/** A TCP server as `TCPServerWrap (server listening on port 3000)`; undefined for a pipe server. */
function describeServer(server: HandleLike): string | undefined {
  const address = server.address?.() as { port?: number } | string | null | undefined
  if (typeof address !== 'object' || address?.port === undefined) return undefined
  return `TCPServerWrap (server listening on port ${address.port})`
}

/**
 * Child processes and servers the process holds, from Node's own list of active handles, and a
 * cluster worker's round-robin servers, which hold no handle of their own (see cluster-servers.ts).
 */
function describeOtherHandles(servers: Set<Server>): Map<string, string[]> {
  const found = new Map<string, string[]>([
    ['ProcessWrap', []],
    ['TCPServerWrap', []],
  ])
  const list = (process as unknown as { _getActiveHandles?: () => HandleLike[] })._getActiveHandles?.() ?? []
  const roundRobin = findStandIns(servers).filter(({ listed }) => listed === 'Timeout')
  for (const handle of [...list, ...roundRobin.map(({ server }) => server as HandleLike)]) {
    const kind = handle.constructor?.name
    if (kind === 'ChildProcess' && handle.pid !== undefined) {
      let command = (handle.spawnargs ?? []).join(' ')
      if (command.length > MAX_COMMAND) command = `${command.slice(0, MAX_COMMAND - 1)}…`
      found.get('ProcessWrap')!.push(`ProcessWrap (child process ${handle.pid}: ${command})`)
    } else if (kind === 'Server') {
      const described = describeServer(handle)
      if (described) found.get('TCPServerWrap')!.push(described)
    }
  }
  return found
}

/**
 * Replaces bare resource types with what could be found out about each: a timer's kind, delay and
 * callback location, a child process's pid and command, a server's port. Best effort: any type
 * that cannot be described stays as it is.
 */
export async function describeKeptAlive(
  types: string[],
  root: string,
  harnessDir: string,
  servers: Set<Server> = new Set(),
): Promise<string[]> {
  const details = describeOtherHandles(servers)
  if (types.includes('Timeout')) {
    try {
      details.set('Timeout', await describeTimers(root, harnessDir))
    } catch {
      // No inspector in this build of Node, or it is in use: keep the bare types.
    }
  }
  return types.map((type) => details.get(type)?.shift() ?? type)
}
