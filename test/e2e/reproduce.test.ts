import { execa } from 'execa'
import { beforeAll, describe, expect, it } from 'vitest'
import { cleanEnv, fixturePath, linkForkcheck, makeProject, runCli } from '../helpers/cli.js'

const fixture = fixturePath('reproduce')

// The reproducer is a clean spawn with only the causes added: it gets parent()'s result too, as
// every child does, from the file the harness saved it to.
describe('the reproducer command', () => {
  let command: string

  beforeAll(async () => {
    const run = await runCli(fixture, ['--show-env-values'])
    const scenario = run.report?.scenarios[0]
    expect(scenario?.verdict).toBe('differs')
    command = scenario?.reproduce ?? ''
  })

  it('hands child() the parent() result from a saved file', () => {
    expect(command).toMatch(/ --input \S+\.input /)
  })

  it("gives the fork-like outcome when run, parent()'s Date included", async () => {
    const { stdout, exitCode } = await execa('sh', ['-c', command], {
      cwd: fixture,
      env: cleanEnv(),
      reject: false,
    })
    expect(exitCode).toBe(0)
    expect(JSON.parse(stdout)).toEqual({
      status: 'returned',
      value: { tier: 'gold', port: 8080, year: 1970 },
    })
  })

  it('says so, in one line, when the saved result is gone', async () => {
    const gone = command.replace(/ --input \S+/, ' --input /nonexistent/forkcheck.input')
    const { stderr, exitCode } = await execa('sh', ['-c', gone], {
      cwd: fixture,
      env: cleanEnv(),
      reject: false,
    })
    expect(exitCode).toBe(2)
    expect(stderr).toMatch(
      /^forkcheck: cannot read parent\(\)'s saved result \/nonexistent\/forkcheck\.input .*run forkcheck again/,
    )
  })
})

// Under pnpm, npm link or a workspace, node_modules/forkcheck is a symlink: the command reaches
// forkcheck through it, as the user's own scripts do, instead of by the folder it points to.
describe('the reproducer command in a project that links forkcheck', () => {
  it('runs forkcheck through node_modules/forkcheck, and works', async () => {
    const project = makeProject({
      'scenarios/tier.scenario.js': [
        "import { defineScenario } from 'forkcheck'",
        'export default defineScenario({',
        '  parent() {',
        "    process.env.APP_TIER = 'gold'",
        '  },',
        "  child: () => process.env.APP_TIER ?? 'none',",
        '})',
        '',
      ].join('\n'),
    })
    linkForkcheck(project)
    const run = await runCli(project, ['--show-env-values'])
    const command = run.report?.scenarios[0]?.reproduce ?? ''
    expect(command).toContain(' node node_modules/forkcheck/dist/bootstrap/run-child.js ')
    const { stdout, exitCode } = await execa('sh', ['-c', command], {
      cwd: project,
      env: cleanEnv(),
      reject: false,
    })
    expect(exitCode).toBe(0)
    expect(JSON.parse(stdout)).toEqual({ status: 'returned', value: 'gold' })
  })
})
