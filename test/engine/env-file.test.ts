import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { findEnvFileWrites } from '../../src/engine/env-file.js'

const root = mkdtempSync(join(tmpdir(), 'forkcheck-env-file-'))
mkdirSync(join(root, 'env'))
writeFileSync(join(root, 'env', 'a.env'), '# comment\n  export A=1\nB = "two"\nAB=x\r\nC=3\n')
writeFileSync(join(root, 'env', 'b.env'), 'C=4\n')
afterAll(() => rmSync(root, { recursive: true, force: true }))

describe('findEnvFileWrites', () => {
  it('finds the defining line of each variable the parent holds with the file value', () => {
    const env = { A: '1', B: 'two', AB: 'x', C: '4' }
    expect(findEnvFileWrites(['--env-file=env/a.env', '--env-file', 'env/b.env'], root, {}, env)).toEqual({
      'env:A': { at: 'env/a.env:2' },
      'env:B': { at: 'env/a.env:3' },
      'env:AB': { at: 'env/a.env:4' },
      'env:C': { at: 'env/b.env:1' },
    })
  })

  it('leaves out what the parent was started with and what code changed since', () => {
    const env = { A: '1', B: 'changed', AB: 'x', C: '3' }
    expect(findEnvFileWrites(['--env-file=env/a.env'], root, { A: '1' }, env)).toEqual({
      'env:AB': { at: 'env/a.env:4' },
      'env:C': { at: 'env/a.env:5' },
    })
  })

  it('skips files it cannot read and flags without a file', () => {
    const flags = ['--env-file-if-exists=env/missing.env', '--env-file', '--env-file=', '--no-warnings']
    expect(findEnvFileWrites(flags, root, {}, { A: '1' })).toEqual({})
  })
})
