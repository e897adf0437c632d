import type { Readable } from 'node:stream'

/** Collects a stream's text up to `cap` bytes and counts what it drops. */
export interface Capture {
  text(): string
  dropped(): number
}

export function captureStream(stream: Readable | null | undefined, cap: number): Capture {
  const chunks: Buffer[] = []
  let kept = 0
  let dropped = 0
  stream?.on('data', (chunk: Buffer) => {
    const room = cap - kept
    if (room >= chunk.length) {
      chunks.push(chunk)
      kept += chunk.length
    } else {
      if (room > 0) chunks.push(chunk.subarray(0, room))
      kept += Math.max(room, 0)
      dropped += chunk.length - Math.max(room, 0)
    }
  })
  return {
    text: () => Buffer.concat(chunks).toString('utf8'),
    dropped: () => dropped,
  }
}
