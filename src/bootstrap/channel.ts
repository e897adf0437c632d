import { Socket } from 'node:net'
import { encodeFrame, type Message, readFrames } from '../channel/frames.js'

// Saved before user code runs, which may replace process.exit.
const exitProcess = process.exit.bind(process)

/** The harness's own pipe on fd 3: the same in both modes, invisible to user code when unref'd. */
export interface FdChannel {
  /** Resolves with the next message of this type (earlier ones of other types are queued). */
  next(type: string): Promise<Message>
  /** Resolves with the next message of any type. */
  nextAny(): Promise<Message>
  /** Calls `handler` for every message of this type from now on. */
  on(type: string, handler: (message: Message) => void): void
  send(message: Message): Promise<void>
  /** Keeps the process alive while waiting for the harness; `false` while user code runs. */
  hold(keepAlive: boolean): void
}

const ANY = '*'

/** Opens the channel on `fd`. */
export function openChannel(fd: number): FdChannel {
  const socket = new Socket({ fd, readable: true, writable: true })
  const queued: Message[] = []
  const waiting = new Map<string, (message: Message) => void>()
  const handlers = new Map<string, (message: Message) => void>()
  readFrames(socket, (message) => {
    const handler = handlers.get(message.type)
    if (handler) return handler(message)
    const key = waiting.has(message.type) ? message.type : ANY
    const resolve = waiting.get(key)
    if (resolve) {
      waiting.delete(key)
      resolve(message)
    } else {
      queued.push(message)
    }
  })
  // A harness that disappears ends the child: nothing would collect its outcome.
  socket.on('end', () => exitProcess(1))
  socket.on('error', () => exitProcess(1))
  return {
    next(type) {
      const index = queued.findIndex((message) => message.type === type)
      if (index >= 0) return Promise.resolve(queued.splice(index, 1)[0]!)
      return new Promise((resolve) => waiting.set(type, resolve))
    },
    nextAny() {
      const first = queued.shift()
      if (first) return Promise.resolve(first)
      return new Promise((resolve) => waiting.set(ANY, resolve))
    },
    on(type, handler) {
      handlers.set(type, handler)
    },
    send(message) {
      return new Promise((resolve, reject) => {
        socket.write(encodeFrame(message), (error) => (error ? reject(error) : resolve()))
      })
    },
    hold(keepAlive) {
      if (keepAlive) socket.ref()
      else socket.unref()
    },
  }
}
