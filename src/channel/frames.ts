import type { Readable, Writable } from 'node:stream'
import { deserialize, serialize } from 'node:v8'

/** A message between harness, parent process and child: plain data with a `type`. */
export interface Message {
  type: string
  [key: string]: unknown
}

/** Encodes one message as a length-prefixed v8 frame. */
export function encodeFrame(message: Message): Buffer {
  const body = serialize(message)
  const head = Buffer.allocUnsafe(4)
  head.writeUInt32BE(body.length, 0)
  return Buffer.concat([head, body])
}

/** Calls `onMessage` for every whole frame that arrives on `stream`. */
export function readFrames(stream: Readable, onMessage: (message: Message) => void): void {
  let pending: Buffer = Buffer.alloc(0)
  stream.on('data', (chunk: Buffer) => {
    pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk])
    while (pending.length >= 4) {
      const size = pending.readUInt32BE(0)
      if (pending.length < 4 + size) break
      const body = pending.subarray(4, 4 + size)
      pending = pending.subarray(4 + size)
      onMessage(deserialize(body) as Message)
    }
  })
}

/** Writes one message and resolves once it is handed to the OS. */
export function sendFrame(stream: Writable, message: Message): Promise<void> {
  return new Promise((resolve, reject) => {
    if (stream.destroyed || !stream.writable) {
      reject(new Error('channel closed'))
      return
    }
    stream.write(encodeFrame(message), (error) => (error ? reject(error) : resolve()))
  })
}
