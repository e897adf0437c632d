import dgram from 'node:dgram'
import fs from 'node:fs'
import { syncBuiltinESMExports } from 'node:module'
import net from 'node:net'
import timers from 'node:timers'
import { captureStack, type Origin } from './stack.js'

// A user's setTimeout is the caller of our wrapper: a shallow stack finds it and stays cheap.
const TIMER_DEPTH = 8
const HANDLE_DEPTH = 24
const MIN_PRUNE_AT = 1024

/** One handle created while a test file ran that still keeps the process alive. */
export interface OpenHandle {
  label: string
  origin: Origin
}

interface Tracked extends OpenHandle {
  target: object
  seq: number
  isOpen: (target: object) => boolean
}

/** Tracks timers, servers, sockets, watchers and child processes from creation until closed. */
export interface HandleProbe {
  /** A marker: handles created after it belong to the current file. */
  mark(): number
  /** Handles created after `mark` that are still open and referenced. */
  openSince(mark: number): OpenHandle[]
  /** Records a handle created elsewhere (child processes come from the child probe). */
  track(label: string, target: object, origin: Origin, isOpen: (target: object) => boolean): void
  uninstall(): void
}

type AnyFunction = (this: unknown, ...args: unknown[]) => unknown

/**
 * Wraps the functions that create handles. async_hooks would see every handle type, but an `init`
 * hook turns on promise hooks too, which slows promise-heavy suites by a third or more on Node 20.
 */
export function installHandleProbe(): HandleProbe {
  let records: Tracked[] = []
  let seq = 0
  let pruneAt = MIN_PRUNE_AT
  const track: HandleProbe['track'] = (label, target, origin, isOpen) => {
    records.push({ label, target, origin, isOpen, seq: ++seq })
    if (records.length >= pruneAt) {
      records = records.filter((record) => record.isOpen(record.target))
      pruneAt = Math.max(MIN_PRUNE_AT, records.length * 2)
    }
  }
  const restores: Array<() => void> = []
  // Wraps `owner[method]` so that each object it creates (or `this`, for methods) is tracked.
  const patch = (owner: object, method: string, label: string, depth: number, pick: 'result' | 'this') => {
    const target = owner as Record<string, unknown>
    const original = target[method]
    if (typeof original !== 'function') return
    const wrapped = function (this: unknown, ...args: unknown[]) {
      const result = (original as AnyFunction).apply(this, args)
      const handle = pick === 'this' ? this : result
      if (typeof handle === 'object' && handle !== null) {
        track(label, handle, captureStack(depth, wrapped), label === 'timer' ? isTimerOpen : hasOpenHandle)
      }
      return result
    }
    for (const key of Reflect.ownKeys(original)) {
      if (key !== 'length' && key !== 'name' && key !== 'prototype') {
        Object.defineProperty(wrapped, key, Object.getOwnPropertyDescriptor(original, key) ?? {})
      }
    }
    Object.defineProperty(wrapped, 'name', { value: original.name })
    target[method] = wrapped
    restores.push(() => {
      if (target[method] === wrapped) target[method] = original
    })
  }
  const timersModule = timers as unknown as Record<string, unknown>
  const global = globalThis as unknown as Record<string, unknown>
  for (const method of ['setTimeout', 'setInterval']) {
    const original = timersModule[method]
    const shared = original === global[method]
    patch(global, method, 'timer', TIMER_DEPTH, 'result')
    if (!shared) patch(timersModule, method, 'timer', TIMER_DEPTH, 'result')
    else {
      // `timers.setTimeout` is the global function: keep them one function.
      timersModule[method] = global[method]
      restores.push(() => {
        timersModule[method] = original
      })
    }
  }
  patch(net.Server.prototype, 'listen', 'server', HANDLE_DEPTH, 'this')
  patch(net.Socket.prototype, 'connect', 'socket', HANDLE_DEPTH, 'this')
  patch(dgram.Socket.prototype, 'bind', 'UDP socket', HANDLE_DEPTH, 'this')
  patch(fs, 'watch', 'fs.watch watcher', HANDLE_DEPTH, 'result')
  patch(fs, 'watchFile', 'fs.watchFile watcher', HANDLE_DEPTH, 'result')
  // `import { setTimeout } from 'node:timers'` and `import { watch } from 'node:fs'` bind early.
  syncBuiltinESMExports()
  return {
    mark: () => seq,
    openSince: (mark) =>
      records
        .filter((record) => record.seq > mark && record.isOpen(record.target))
        .map(({ label, origin }) => ({ label, origin })),
    track,
    uninstall() {
      for (const restore of restores.reverse()) restore()
      syncBuiltinESMExports()
      records = []
    },
  }
}

/** A timer that has neither fired (one-shot) nor been cleared, and is not `unref()`ed. */
function isTimerOpen(timer: object): boolean {
  const handle = timer as { _destroyed?: boolean; hasRef?: () => boolean }
  return handle._destroyed !== true && handle.hasRef?.() !== false
}

/** The object's libuv handle (`_handle`, or dgram's state) is open and referenced. */
export function hasOpenHandle(owner: object): boolean {
  const direct = (owner as { _handle?: unknown })._handle
  if (direct !== undefined) return isReferenced(direct)
  const state = Object.getOwnPropertySymbols(owner).find((key) => key.description === 'state symbol')
  const handle =
    state === undefined ? undefined : (owner as Record<symbol, { handle?: unknown }>)[state]?.handle
  return isReferenced(handle)
}

function isReferenced(handle: unknown): boolean {
  if (typeof handle !== 'object' || handle === null) return false
  const hasRef = (handle as { hasRef?: () => boolean }).hasRef
  return typeof hasRef === 'function' ? hasRef.call(handle) : true
}
