import { tmpdir } from 'node:os'
import { afterEach, describe, expect, it } from 'vitest'
import { tmpdirOf } from '../../src/bootstrap/tmpdir.js'

const NAMES = ['TMPDIR', 'TMP', 'TEMP'] as const
const saved = Object.fromEntries(NAMES.map((name) => [name, process.env[name]]))

afterEach(() => {
  for (const name of NAMES) {
    if (saved[name] === undefined) delete process.env[name]
    else process.env[name] = saved[name]
  }
})

describe('tmpdirOf', () => {
  it.each([
    [{}],
    [{ TMPDIR: '/var/tmp' }],
    [{ TMPDIR: '/var/tmp/' }],
    [{ TMPDIR: '/' }],
    [{ TMPDIR: '', TMP: '/tmp/other/' }],
    [{ TEMP: '/temp' }],
    [{ TMP: '/a', TEMP: '/b' }],
  ])('answers what os.tmpdir() answers for %o', (env: Record<string, string>) => {
    for (const name of NAMES) delete process.env[name]
    Object.assign(process.env, env)
    expect(tmpdirOf(process.env)).toBe(tmpdir())
  })
})
