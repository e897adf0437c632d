import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it, onTestFinished } from 'vitest'
import { cleanEnv, fixturePath, runCli } from '../helpers/cli.js'

const SECRET = 'sk_live_forkcheck_SECRET_4242'

// Environment values never reach a report unless the user asks: names only.
describe('secrets in the harness environment', () => {
  it('appear in no reporter output', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'forkcheck-secrets-'))
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }))
    const files = { json: join(dir, 'r.json'), junit: join(dir, 'r.xml') }
    const run = await runCli(
      fixturePath('secrets'),
      ['--reporter', 'github', '--reporter', 'junit', `--outputFile.junit=${files.junit}`],
      { env: cleanEnv({ API_TOKEN: SECRET, FORCE_COLOR: '0' }) },
    )
    const scenario = run.report?.scenarios[0]
    expect(scenario?.verdict).toBe('differs')
    expect(scenario?.causes.map((cause) => `${cause.kind}:${cause.name}`).sort()).toEqual([
      'env:API_TOKEN',
      'env:SERVICE_TOKEN',
    ])
    const everything = [
      run.stdout,
      run.stderr,
      JSON.stringify(run.report),
      readFileSync(files.junit, 'utf8'),
    ].join('\n')
    expect(everything).toContain('SERVICE_TOKEN')
    expect(everything).not.toContain(SECRET)
    expect(everything).not.toContain(SECRET.slice(0, 12))
  })
})
