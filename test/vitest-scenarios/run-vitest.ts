import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { execa } from 'execa'
import { cleanEnv, fixturePath, repoRoot } from '../helpers/cli.js'

const vitestBin = join(repoRoot, 'node_modules', 'vitest', 'vitest.mjs')

/** The secret-looking value the fixtures set in parents; no output may ever show it. */
export const SECRET = 'sk_live_SECRET123'

/** One test in vitest's JSON report. */
export interface TestResult {
  status: 'passed' | 'failed' | 'skipped' | 'pending' | 'todo'
  failureMessages: string[]
}

/** A finished run of the real vitest CLI on one fixture project. */
export interface VitestRun {
  exitCode: number
  /** stdout and stderr, without colours. */
  output: string
  /** Tests by `file › full name`, e.g. `test/inline.test.ts › group twice`. */
  tests: Map<string, TestResult[]>
  rawReport: string
}

/** The path of a fixture project under test/fixtures/vitest-scenarios. */
export function vitestFixture(name: string): string {
  return fixturePath(join('vitest-scenarios', name))
}

/** Runs `vitest run` on a fixture with a JSON report, in an environment without vitest's own variables. */
export async function runVitest(name: string, args: string[] = []): Promise<VitestRun> {
  const root = vitestFixture(name)
  const dir = mkdtempSync(join(tmpdir(), 'vitest-scenarios-'))
  const reportFile = join(dir, 'report.json')
  const result = await execa(
    process.execPath,
    [
      vitestBin,
      'run',
      // CI=true makes vitest reject `.only`, which a fixture uses on purpose.
      '--allowOnly',
      '--root',
      root,
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${reportFile}`,
      ...args,
    ],
    { cwd: root, env: cleanEnv(), extendEnv: false, reject: false, timeout: 240_000 },
  )
  const rawReport = existsSync(reportFile) ? readFileSync(reportFile, 'utf8') : ''
  rmSync(dir, { recursive: true, force: true })
  return {
    exitCode: result.exitCode ?? -1,
    output: stripColors(`${result.stdout}\n${result.stderr}`),
    tests: readTests(root, rawReport),
    rawReport,
  }
}

interface JsonReport {
  testResults: Array<{
    name: string
    assertionResults: Array<TestResult & { fullName: string }>
  }>
}

function readTests(root: string, rawReport: string): Map<string, TestResult[]> {
  const tests = new Map<string, TestResult[]>()
  if (rawReport === '') return tests
  for (const file of (JSON.parse(rawReport) as JsonReport).testResults) {
    const path = file.name.slice(root.length + 1)
    for (const { fullName, status, failureMessages } of file.assertionResults) {
      const key = `${path} › ${fullName}`
      tests.set(key, [...(tests.get(key) ?? []), { status, failureMessages }])
    }
  }
  return tests
}

/** `key → status` for every test, duplicates joined, for one readable assertion. */
export function statuses(run: VitestRun): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [key, results] of run.tests) out[key] = results.map((result) => result.status).join(', ')
  return out
}

/** The failure message of a test, or a thrown error naming the tests there are. */
export function failureOf(run: VitestRun, key: string): string {
  const found = run.tests.get(key)?.[0]
  if (found === undefined)
    throw new Error(`no test ${key} in ${[...run.tests.keys()].join(', ')}\n${run.output}`)
  return stripColors(found.failureMessages.join('\n'))
}

function stripColors(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI escape sequences
  return text.replace(/\u001b\[[0-9;]*m/g, '')
}
