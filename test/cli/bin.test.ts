import { accessSync, constants } from 'node:fs'
import { execa } from 'execa'
import { describe, expect, it } from 'vitest'
import { binPath, cleanEnv, repoRoot } from '../helpers/cli.js'

// `npx forkcheck` in a checkout runs dist/cli/bin.js as a program: every build must leave it so.
describe('the built command', () => {
  it('is executable and runs through its shebang', async () => {
    expect(() => accessSync(binPath, constants.X_OK)).not.toThrow()
    const run = await execa(binPath, ['--help'], { cwd: repoRoot, env: cleanEnv(), reject: false })
    expect(run.exitCode).toBe(0)
    expect(run.stdout).toMatch(/^forkcheck\/\d+\.\d+\.\d+/)
    // cac shows a --no- option as `(default: true)`, which reads as "skipped by default".
    expect(run.stdout).toContain('--probes')
    expect(run.stdout).not.toContain('(default: true)')
  })
})
