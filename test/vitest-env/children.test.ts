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
    expect(describeStart('fork', ['w.js', { execArgv: [] }]).inheritsExecArgv).toBe(false)
    expect(describeStart('exec', ['ls', { cwd: '/tmp' }, () => {}]).inheritsCwd).toBe(false)
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
