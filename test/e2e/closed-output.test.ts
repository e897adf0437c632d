import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { describe, expect, it } from 'vitest'
import { binPath, cleanEnv, linkForkcheck, makeProject } from '../helpers/cli.js'

const scenario = (value: number) =>
  `import { defineScenario } from 'forkcheck'\nexport default defineScenario({ child: () => ${value} })\n`

// `npx forkcheck | head -3`: the reader leaves while the run still reports.
describe('a reader that closes stdout early', () => {
  it('leaves the run going to its own exit code, with no stack trace', async () => {
    const dir = makeProject({
      'scenarios/a.scenario.mjs': scenario(1),
      'scenarios/b.scenario.mjs': scenario(2),
      'scenarios/c.scenario.mjs': scenario(3),
    })
    linkForkcheck(dir)
    const child = spawn(process.execPath, [binPath, '--concurrency', '1'], {
      cwd: dir,
      env: cleanEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stderr = ''
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk
    })
    // The first scenario's line, then no more reading: later writes meet a closed pipe.
    child.stdout.once('data', () => child.stdout.destroy())
    const [code] = (await once(child, 'exit')) as [number | null]
    expect(stderr).toBe('')
    expect(code).toBe(0)
  })
})
