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

  // cac's help ended by telling the reader to run `forkcheck --help`, the command they had just run.
  it('--help says how switches take a value and ends with the exit codes', async () => {
    const run = await execa(binPath, ['--help'], { cwd: repoRoot, env: cleanEnv(), reject: false })
    expect(run.stdout).not.toContain('--help` flag')
    expect(run.stdout).toContain('$ forkcheck [files, folders or globs…] [flags]')
    expect(run.stdout).toContain(
      '--update-baseline, --probes, --show-env-values and --list take no value:\n  an argument after one is a scenario path.',
    )
    expect(run.stdout.split('\n').slice(-4)).toEqual([
      'Exit codes:',
      '  0  every scenario met its expect',
      '  1  one did not (a difference, an error, flaky with --flaky=fail, an expired baseline entry)',
      '  2  a usage error: a bad flag, a bad config or baseline file, paths that match nothing',
    ])
  })
})
