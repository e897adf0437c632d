import type { Readable } from 'node:stream'

/** Bytes of the end of a stream kept beyond the cap, so a crash message after a flood is still seen. */
const TAIL_BYTES = 8 * 1024

/** Collects a stream's text up to `cap` bytes and counts what it drops. */
export interface Capture {
  text(): string
  dropped(): number
  /** The last few KiB the stream carried, whether or not they fit under the cap. */
  tail(): string
}

export function captureStream(stream: Readable | null | undefined, cap: number): Capture {
  const chunks: Buffer[] = []
  let kept = 0
  let dropped = 0
  let tail: Buffer = Buffer.alloc(0)
  stream?.on('data', (chunk: Buffer) => {
    const room = Math.max(cap - kept, 0)
    if (room >= chunk.length) {
      chunks.push(chunk)
      kept += chunk.length
    } else {
      if (room > 0) chunks.push(chunk.subarray(0, room))
      kept += room
      dropped += chunk.length - room
    }
    // Bounded: at most TAIL_BYTES plus one chunk is ever held here.
    tail =
      chunk.length >= TAIL_BYTES
        ? chunk.subarray(-TAIL_BYTES)
        : Buffer.concat([tail, chunk]).subarray(-TAIL_BYTES)
  })
  return {
    text: () => Buffer.concat(chunks).toString('utf8'),
    dropped: () => dropped,
    tail: () => tail.toString('utf8'),
  }
}

/** The headline Node prints for an error that ended a process: `Error: listen EADDRINUSE: …`. */
const ERROR_HEADLINE = /^(?:Uncaught )?[A-Z]?\w*(?:Error|Exception)(?: \[[\w-]+\])?: .*\S.*$/gm

/**
 * Captured output in one line, for a one-line error message: the last error headline in it (the
 * last lines of a crash are its stack and Node's version), or else its last few lines.
 *
 * @example
 * tailOf('Error: listen EADDRINUSE: address already in use :::4821\n    at …\nNode.js v20.20.2\n')
 * // 'Error: listen EADDRINUSE: address already in use :::4821'
 */
export function tailOf(text: string, lines = 3): string {
  const headline = [...text.matchAll(ERROR_HEADLINE)].at(-1)?.[0]
  if (headline !== undefined) return headline.trim()
  return text.trim().split('\n').slice(-lines).join(' / ')
}

/** `: <tailOf(text)>` to end a message with, or nothing when there was no output. */
export function tailClause(text: string): string {
  const tail = tailOf(text)
  return tail ? `: ${tail}` : ''
}
