import { describe, expect, it } from 'vitest'
import { fixturePath, runCli } from '../helpers/cli.js'

// Node reads some variables in C++ (os.tmpdir: TMPDIR, os.homedir: HOME, local time: TZ), so process.env never
// sees the read; the causes still name the line that made it.
describe('variables Node reads past process.env', () => {
  it('are read where os.tmpdir(), os.homedir() and local-time methods are called', async () => {
    const run = await runCli(fixturePath('native-env'))
    const causes = Object.fromEntries(
      (run.report?.scenarios ?? []).map((scenario) => [scenario.id, scenario.causes]),
    )
    const file = 'scenarios/os.scenario.js'
    expect(causes).toEqual({
      [`${file}#tmp`]: [
        { kind: 'env', name: 'TMPDIR', confirmed: true, setAt: `${file}:9`, readAt: `${file}:11` },
      ],
      [`${file}#timeZone`]: [
        { kind: 'env', name: 'TZ', confirmed: true, setAt: `${file}:26`, readAt: `${file}:28` },
      ],
      [`${file}#home`]: [
        { kind: 'env', name: 'HOME', confirmed: true, setAt: `${file}:17`, readAt: `${file}:19` },
      ],
    })
    expect(run.exitCode, run.stderr).toBe(0)
  })

  it('are confirmed without a read-at under --no-probes', async () => {
    const run = await runCli(fixturePath('native-env'), ['--no-probes'])
    const causes = (run.report?.scenarios ?? []).flatMap((scenario) => scenario.causes)
    expect(causes.map((cause) => cause.name).sort()).toEqual(['HOME', 'TMPDIR', 'TZ'])
    expect(causes.every((cause) => cause.confirmed && cause.readAt === undefined)).toBe(true)
  })
})
