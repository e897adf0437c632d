import { PassThrough } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { captureStream } from '../../src/bootstrap/capture.js'

async function feed(chunks: string[], cap: number) {
  const stream = new PassThrough()
  const capture = captureStream(stream, cap)
  for (const chunk of chunks) stream.write(chunk)
  stream.end()
  await new Promise((resolve) => stream.on('end', resolve).resume())
  return capture
}

describe('captureStream', () => {
  it('keeps output up to the cap and counts the rest', async () => {
    const capture = await feed(['abc', 'defg', 'hij'], 5)
    expect(capture.text()).toBe('abcde')
    expect(capture.dropped()).toBe(5)
  })

  it('keeps everything under the cap', async () => {
    const capture = await feed(['abc', 'def'], 100)
    expect(capture.text()).toBe('abcdef')
    expect(capture.dropped()).toBe(0)
  })

  it('keeps the last bytes beyond the cap, bounded, for crash messages at the end of a flood', async () => {
    const flood = Array.from({ length: 50 }, () => 'x'.repeat(1000))
    const capture = await feed([...flood, 'FATAL ERROR: the end'], 10)
    expect(capture.tail().endsWith('FATAL ERROR: the end')).toBe(true)
    expect(capture.tail().length).toBe(8 * 1024)
    expect(capture.text()).toBe('x'.repeat(10))
  })

  it('works without a stream (stdio ignored)', () => {
    const capture = captureStream(undefined, 10)
    expect([capture.text(), capture.dropped(), capture.tail()]).toEqual(['', 0, ''])
  })
})
