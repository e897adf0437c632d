import type { Readable, Writable } from 'node:stream'
import { fromJson, toJson } from './json.js'

/** A message between harness, parent process and child: plain data with a `type`. */
export interface Message {
  type: string
  [key: string]: unknown
}

// Frames are plain JSON, without a replacer or reviver (each costs a call per value of every frame):
// no node:v8 to load in every child, and what only v8 can carry travels as a string already.

/** Encodes one message as a length-prefixed JSON frame. */
export function encodeFrame(message: Message): Buffer {
  const body = Buffer.from(toJson(message), 'utf8')
  const head = Buffer.allocUnsafe(4)
  head.writeUInt32BE(body.length, 0)
  return Buffer.concat([head, body])
}

/** A frame whose body is not valid JSON: the other side is broken (user code wrote to the fd). */
export class FrameError extends Error {
  override name = 'FrameError'
}

/**
 * Turns bytes into messages as they arrive, in any chunking. Chunks are joined once per frame
 * (not on every chunk), so a large frame costs linear time.
 */
export class FrameDecoder {
  private chunks: Buffer[] = []
  private buffered = 0
  private readingHead = true
  private needed = 4

  /** Adds bytes; returns the messages they complete. Throws FrameError on a body that is not JSON. */
  push(chunk: Buffer): Message[] {
    this.chunks.push(chunk)
    this.buffered += chunk.length
    const messages: Message[] = []
    while (this.buffered >= this.needed) {
      const part = this.take(this.needed)
      this.readingHead = !this.readingHead
      if (!this.readingHead) {
        this.needed = part.readUInt32BE(0)
        continue
      }
      this.needed = 4
      try {
        messages.push(fromJson(part.toString('utf8')) as Message)
      } catch {
        throw new FrameError('forkcheck: a frame on the harness channel is not valid JSON')
      }
    }
    return messages
  }

  private take(size: number): Buffer {
    const joined = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks, this.buffered)
    this.chunks = joined.length > size ? [joined.subarray(size)] : []
    this.buffered = joined.length - size
    return joined.subarray(0, size)
  }
}

/**
 * Calls `onMessage` for every whole frame that arrives on `stream`; a frame that is not valid
 * JSON destroys the stream.
 */
export function readFrames(stream: Readable, onMessage: (message: Message) => void): void {
  const decoder = new FrameDecoder()
  stream.on('data', (chunk: Buffer) => {
    let messages: Message[]
    try {
      messages = decoder.push(chunk)
    } catch (error) {
      stream.destroy(error as FrameError)
      return
    }
    for (const message of messages) onMessage(message)
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
