import { PassThrough } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { captureStream, tailOf } from '../../src/bootstrap/capture.js'

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

describe('tailOf', () => {
  it('gives the last error headline of a crash, not its stack', () => {
    const crash = [
      'listening',
      'Error: a line the program logged',
      'node:events:497',
      "      throw er; // Unhandled 'error' event",
      '',
      'Error: listen EADDRINUSE: address already in use :::4821',
      '    at Server.setupListenHandle [as _listen2] (node:net:1908:16)',
      "  code: 'EADDRINUSE',",
      '}',
      '',
      'Node.js v20.20.2',
      '',
    ].join('\n')
    expect(tailOf(crash)).toBe('Error: listen EADDRINUSE: address already in use :::4821')
    expect(tailOf('TypeError [ERR_INVALID_ARG_TYPE]: The "path" argument must be of type string\n')).toBe(
      'TypeError [ERR_INVALID_ARG_TYPE]: The "path" argument must be of type string',
    )
  })

  it('gives the last lines when there is no error headline', () => {
    expect(tailOf('one\ntwo\nthree\nfour\n')).toBe('two / three / four')
    expect(tailOf('')).toBe('')
  })
})
