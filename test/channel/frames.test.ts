import { PassThrough } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { encodeFrame, type Message, readFrames } from '../../src/channel/frames.js'

function collect(): { stream: PassThrough; messages: Message[] } {
  const stream = new PassThrough()
  const messages: Message[] = []
  readFrames(stream, (message) => messages.push(message))
  return { stream, messages }
}

describe('frames', () => {
  it('round-trips messages split at every byte', () => {
    const { stream, messages } = collect()
    const sent = [
      { type: 'a', input: Buffer.from([1, 2, 255]).toString('base64') },
      { type: 'b', text: 'é\u0000', nested: { list: [1, null] } },
    ]
    const wire = Buffer.concat(sent.map((message) => encodeFrame(message)))
    for (let index = 0; index < wire.length; index++) stream.write(wire.subarray(index, index + 1))
    expect(messages).toEqual(sent)
  })

  it('reads a large frame sent in many chunks', () => {
    const { stream, messages } = collect()
    const big = encodeFrame({ type: 'big', text: 'x'.repeat(8 * 1024 * 1024) })
    for (let start = 0; start < big.length; start += 16 * 1024)
      stream.write(big.subarray(start, start + 16 * 1024))
    expect(messages).toHaveLength(1)
    expect((messages[0]!.text as string).length).toBe(8 * 1024 * 1024)
  })

  it('destroys the stream on a frame that is not JSON instead of throwing', () => {
    const { stream, messages } = collect()
    stream.on('error', () => {})
    const head = Buffer.alloc(4)
    head.writeUInt32BE(3)
    stream.write(Buffer.concat([head, Buffer.from('{{{')]))
    expect(messages).toEqual([])
    expect(stream.destroyed).toBe(true)
  })
})
