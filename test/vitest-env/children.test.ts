import { describe, expect, it } from 'vitest'
import { describeStart } from '../../src/vitest/environment/children.js'

describe('describeStart', () => {
  it('sees an inherited env, cwd and execArgv when no options are given', () => {
    expect(describeStart('fork', ['/app/worker.js', ['--x']])).toMatchObject({
      kind: 'fork',
      command: 'worker.js',
      env: undefined,
      inheritsCwd: true,
      inheritsExecArgv: true,
    })
  })

  it('reads explicit env, cwd and execArgv from the options argument', () => {
    const env = { PATH: '/bin' }
    expect(describeStart('spawn', ['/usr/bin/node', ['-e', '0'], { env, cwd: '/tmp' }])).toMatchObject({
      command: 'node',
      env,
      inheritsCwd: false,
      inheritsExecArgv: false,
    })
    expect(describeStart('fork', ['w.js', { execArgv: ['--stack-size=999'] }]).inheritsExecArgv).toBe(false)
    expect(describeStart('exec', ['ls', { cwd: '/tmp' }, () => {}]).inheritsCwd).toBe(false)
  })

  it('counts the current cwd and execArgv passed on explicitly as inherited', () => {
    // execa passes `cwd: process.cwd()` when it is given none; some pass `execArgv: process.execArgv`.
    const inCwd = (cwd: unknown) => describeStart('spawn', ['node', [], { cwd }]).inheritsCwd
    expect(inCwd(process.cwd())).toBe(true)
    expect(inCwd('.')).toBe(true)
    expect(inCwd(new URL(`file://${process.cwd()}/`))).toBe(true)
    expect(inCwd(new URL('https://example.com/'))).toBe(false)
    expect(inCwd(42)).toBe(false)
    const withArgv = (execArgv: string[]) => describeStart('fork', ['w.js', { execArgv }]).inheritsExecArgv
    expect(withArgv([...process.execArgv])).toBe(true)
    expect(withArgv([...process.execArgv, '--x'])).toBe(false)
  })

  it('never shows arguments or NAME=value prefixes of a shell line', () => {
    expect(describeStart('exec', ['/bin/ls -la secret-dir']).command).toBe('ls')
    expect(describeStart('execSync', ['TOKEN=sk_live_x node app.js']).command).toBe('shell command')
    expect(describeStart('execFile', [new URL('file:///opt/tool')]).command).toBe('tool')
    expect(describeStart('spawn', [42]).command).toBe('unknown')
  })

  it('captures where the start happened', () => {
    expect(describeStart('spawn', ['node']).origin?.stack).toMatch(/children\.test\.ts/)
  })
})
