import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { execa } from 'execa'

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')
const fixturesRoot = join(repoRoot, 'test', 'fixtures', 'vitest-env')
const vitestBin = join(repoRoot, 'node_modules', 'vitest', 'vitest.mjs')
const sourceDir = join(repoRoot, 'src', 'vitest', 'environment')
const builtEntry = join(repoRoot, 'dist', 'vitest', 'environment', 'index.js')

/** The secret-looking value every leaky fixture plants; it must never reach any output. */
export const SECRET = 'sk_live_SECRET123'

/** One test file's result in vitest's JSON report. */
export interface FileResult {
  status: string
  message: string
}

/** A finished vitest run on one fixture project. */
export interface FixtureRun {
  exitCode: number
  /** stdout and stderr without colours. */
  output: string
  /** Test files by path relative to the fixture, from the JSON reporter. */
  files: Map<string, FileResult>
  /** The JSON report as written, to search for leaked values. */
  rawReport: string
}

/**
 * Builds the environment when dist is missing or older than its sources (`npm test` builds
 * first; this keeps `npx vitest run test/vitest-env` honest on its own). Only this folder's entry
 * is compiled, with the repository's compiler options.
 */
export async function ensureEnvironmentBuilt(): Promise<void> {
  const newestSource = Math.max(
    ...readdirSync(sourceDir).map((name) => statSync(join(sourceDir, name)).mtimeMs),
  )
  if (existsSync(builtEntry) && statSync(builtEntry).mtimeMs >= newestSource) return
  const flags = ['--outDir', 'dist', '--rootDir', 'src', '--module', 'NodeNext']
  flags.push('--moduleResolution', 'NodeNext', '--target', 'ES2022', '--lib', 'ES2023', '--types', 'node')
  flags.push('--declaration', '--sourceMap', '--strict', '--noUncheckedIndexedAccess')
  flags.push('--noImplicitOverride', '--verbatimModuleSyntax', '--skipLibCheck')
  const tsc = join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc')
  await execa(process.execPath, [tsc, ...flags, 'src/vitest/environment/index.ts'], { cwd: repoRoot })
}

/**
 * Makes `vitest-environment-forkcheck` resolvable from the fixtures the way `npm install` links it
 * (node_modules is git-ignored, so the link is made here).
 */
export function linkEnvironmentPackage(): void {
  const link = join(fixturesRoot, 'node_modules', 'vitest-environment-forkcheck')
  if (existsSync(join(link, 'package.json'))) return
  rmSync(link, { force: true, recursive: true })
  mkdirSync(dirname(link), { recursive: true })
  symlinkSync(
    relative(dirname(link), join(repoRoot, 'packages', 'vitest-environment-forkcheck')),
    link,
    'dir',
  )
}

/** Runs the real vitest CLI on `test/fixtures/vitest-env/<name>` with a JSON report. */
export async function runFixture(name: string): Promise<FixtureRun> {
  const root = join(fixturesRoot, name)
  const dir = mkdtempSync(join(tmpdir(), 'vitest-env-run-'))
  const reportFile = join(dir, 'report.json')
  const args = [vitestBin, 'run', '--root', root, '--reporter=default', '--reporter=json']
  const result = await execa(process.execPath, [...args, `--outputFile.json=${reportFile}`], {
    cwd: root,
    env: cleanEnv(),
    extendEnv: false,
    reject: false,
    timeout: 120_000,
  })
  const rawReport = existsSync(reportFile) ? readFileSync(reportFile, 'utf8') : ''
  rmSync(dir, { recursive: true, force: true })
  return {
    exitCode: result.exitCode ?? -1,
    output: stripColors(`${result.stdout}\n${result.stderr}`),
    files: readFiles(root, rawReport),
    rawReport,
  }
}

function readFiles(root: string, rawReport: string): Map<string, FileResult> {
  const files = new Map<string, FileResult>()
  if (rawReport === '') return files
  const report = JSON.parse(rawReport) as { testResults: Array<FileResult & { name: string }> }
  for (const { name, status, message } of report.testResults) {
    files.set(relative(root, name).split('\\').join('/'), { status, message })
  }
  return files
}

// A user's shell: no variables of the vitest run these tests execute in.
function cleanEnv(): Record<string, string> {
  const env: Record<string, string> = {}
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined || /^(VITEST|VITE_|TINYPOOL|__VITEST)/.test(key) || key === 'NODE_ENV') continue
    env[key] = value
  }
  return env
}

function stripColors(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI escape sequences
  return text.replace(/\u001b\[[0-9;]*m/g, '')
}
