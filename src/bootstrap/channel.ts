import { read, readSync, writeSync } from 'node:fs'
import type { Socket } from 'node:net'
import { encodeFrame, FrameDecoder, type Message } from '../channel/frames.js'
import { setTimeout } from '../process/own-timers.js'

// Saved before user code runs, which may replace process.exit.
const exitProcess = process.exit.bind(process)

const READ_SIZE = 64 * 1024
const ANY = '*'

/**
 * The harness's own pipe on fd 3: the same in both modes, invisible to user code. It starts on
 * plain reads and writes of the fd (a net.Socket alone costs a spawn-like child a fifth of a bare
 * start): a read is pending only while the process waits for the harness, so the channel never
 * keeps user code alive. `listen()` moves it onto an unref'd socket, for messages that must
 * arrive while user code runs.
 */
export interface FdChannel {
  /** Resolves with the next message of this type (earlier ones of other types are queued). */
  next(type: string): Promise<Message>
  /** The next message of this type, blocking until it arrives: for start-up, before any user code. */
  nextSync(type: string): Message
  /** Resolves with the next message of any type. */
  nextAny(): Promise<Message>
  /** Calls `handler` for every message of this type from now on, whenever one is read. */
  on(type: string, handler: (message: Message) => void): void
  /** Sends a message, in order with every other. */
  send(message: Message): void
  /** Sends at once from code that may not return to the event loop (exit, a crash); may drop it. */
  sendNow(message: Message): void
  /** From now on messages are read while the process does other work too. */
  listen(): void
  /** True once `listen()` opened a socket (a PipeWrap of the harness's own). */
  readonly listening: boolean
}

/** Writes all of `bytes` to a blocking fd (a write to a pipe may be partial). */
function writeAll(fd: number, bytes: Buffer): void {
  let offset = 0
  while (offset < bytes.length) {
    try {
      offset += writeSync(fd, bytes, offset)
    } catch (error) {
      // A non-blocking fd with a full pipe: the harness drains it, so try again.
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error
    }
  }
}

/** Opens the channel on `fd`. */
export function openChannel(fd: number): FdChannel {
  const decoder = new FrameDecoder()
  const queued: Message[] = []
  const waiting = new Map<string, (message: Message) => void>()
  const handlers = new Map<string, (message: Message) => void>()
  let socket: Socket | undefined
  let reading = false
  let wantsSocket = false

  const deliver = (message: Message) => {
    const handler = handlers.get(message.type)
    if (handler) return handler(message)
    const key = waiting.has(message.type) ? message.type : ANY
    const resolve = waiting.get(key)
    if (resolve === undefined) return void queued.push(message)
    waiting.delete(key)
    resolve(message)
  }

  const receive = (chunk: Buffer) => {
    let messages: Message[]
    try {
      messages = decoder.push(chunk)
    } catch {
      // Nothing the harness sent can be read any more: nothing would collect an outcome.
      exitProcess(1)
      return
    }
    for (const message of messages) deliver(message)
    socket?.[waiting.size > 0 ? 'ref' : 'unref']()
  }

  const readOnce = () => {
    if (reading || socket || waiting.size === 0) return
    reading = true
    const buffer = Buffer.allocUnsafe(READ_SIZE)
    read(fd, buffer, 0, READ_SIZE, null, (error, bytes) => {
      reading = false
      if (error && (error as NodeJS.ErrnoException).code === 'EAGAIN') {
        setTimeout(readOnce, 1)
        return
      }
      // A harness that disappears ends the child: nothing would collect its outcome.
      if (error || bytes === 0) {
        exitProcess(1)
        return
      }
      receive(buffer.subarray(0, bytes))
      if (wantsSocket) openSocket()
      readOnce()
    })
  }

  const openSocket = () => {
    if (socket) return
    if (reading) {
      wantsSocket = true
      return
    }
    const { Socket } = process.getBuiltinModule('node:net')
    socket = new Socket({ fd, readable: true, writable: true })
    socket.on('data', receive)
    socket.on('end', () => exitProcess(1))
    socket.on('error', () => exitProcess(1))
    socket[waiting.size > 0 ? 'ref' : 'unref']()
  }

  const readSyncOnce = () => {
    const buffer = Buffer.allocUnsafe(READ_SIZE)
    let bytes = 0
    try {
      bytes = readSync(fd, buffer, 0, READ_SIZE, null)
    } catch (error) {
      // Not a blocking fd after all: no harm in waiting for the data a little.
      if ((error as NodeJS.ErrnoException).code === 'EAGAIN') return
      exitProcess(1)
    }
    if (bytes === 0) exitProcess(1)
    receive(buffer.subarray(0, bytes))
  }

  const wait = (key: string) =>
    new Promise<Message>((resolve) => {
      waiting.set(key, resolve)
      socket?.ref()
      readOnce()
    })

  return {
    next(type) {
      const index = queued.findIndex((message) => message.type === type)
      if (index >= 0) return Promise.resolve(queued.splice(index, 1)[0]!)
      return wait(type)
    },
    nextSync(type) {
      for (;;) {
        const index = queued.findIndex((message) => message.type === type)
        if (index >= 0) return queued.splice(index, 1)[0]!
        readSyncOnce()
      }
    },
    nextAny() {
      const first = queued.shift()
      return first ? Promise.resolve(first) : wait(ANY)
    },
    on(type, handler) {
      handlers.set(type, handler)
    },
    send(message) {
      if (socket) return void socket.write(encodeFrame(message))
      try {
        writeAll(fd, encodeFrame(message))
      } catch {
        // The harness closed its end (it read garbage on fd 3, or is gone): nothing can report.
        exitProcess(1)
      }
    },
    sendNow(message) {
      // A frame half handed to the socket would be split by a synchronous write now.
      if (socket && socket.writableLength > 0) return
      try {
        writeAll(fd, encodeFrame(message))
      } catch {
        // The harness may already be gone; the exit code still tells the story.
      }
    },
    listen: openSocket,
    get listening() {
      return socket !== undefined
    },
  }
}
