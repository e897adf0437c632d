import type { Readable, Writable } from 'node:stream'

/** A message between harness, parent process and child: plain data with a `type`. */
export interface Message {
  type: string
  [key: string]: unknown
}

// Frames are JSON (no node:v8 to load in every child); bytes travel as base64 under a key no
// JSON-safe user value can hold, since outcomes are already encoded by encodeValue.
const BYTES = '\u0000bytes'

function replaceBytes(this: Record<string, unknown>, key: string, value: unknown): unknown {
  const original = this[key]
  return original instanceof Uint8Array ? { [BYTES]: Buffer.from(original).toString('base64') } : value
}

function reviveBytes(_key: string, value: unknown): unknown {
  if (value !== null && typeof value === 'object' && BYTES in value) {
    return Buffer.from((value as Record<string, string>)[BYTES]!, 'base64')
  }
  return value
}

/** Encodes one message as a length-prefixed JSON frame. */
export function encodeFrame(message: Message): Buffer {
  const body = Buffer.from(JSON.stringify(message, replaceBytes), 'utf8')
  const head = Buffer.allocUnsafe(4)
  head.writeUInt32BE(body.length, 0)
  return Buffer.concat([head, body])
}

/**
 * Calls `onMessage` for every whole frame that arrives on `stream`. Chunks are joined once per
 * frame (not on every chunk), so a large frame costs linear time; a frame that is not valid JSON
 * means the other side is broken (user code wrote to fd 3): the stream is destroyed.
 */
export function readFrames(stream: Readable, onMessage: (message: Message) => void): void {
  let chunks: Buffer[] = []
  let buffered = 0
  let readingHead = true
  let needed = 4
  const take = (size: number): Buffer => {
    const joined = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, buffered)
    chunks = joined.length > size ? [joined.subarray(size)] : []
    buffered = joined.length - size
    return joined.subarray(0, size)
  }
  stream.on('data', (chunk: Buffer) => {
    chunks.push(chunk)
    buffered += chunk.length
    while (buffered >= needed) {
      const part = take(needed)
      readingHead = !readingHead
      if (!readingHead) {
        needed = part.readUInt32BE(0)
        continue
      }
      needed = 4
      const body = part
      let message: Message
      try {
        message = JSON.parse(body.toString('utf8'), reviveBytes) as Message
      } catch {
        stream.destroy(new Error('forkcheck: a frame on the harness channel is not valid JSON'))
        return
      }
      onMessage(message)
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
