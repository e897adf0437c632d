import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { execa } from 'execa'
import { onTestFinished } from 'vitest'
import type { Report } from '../../src/types.js'

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')
export const binPath = join(repoRoot, 'dist', 'cli', 'bin.js')

export function fixturePath(name: string): string {
  return join(repoRoot, 'test', 'fixtures', name)
}

/** A temp project of these files (path → text) and an ES-module package.json, removed after the test. */
export function makeProject(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'forkcheck-project-'))
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }))
  for (const [file, text] of Object.entries({ 'package.json': '{ "type": "module" }\n', ...files })) {
    mkdirSync(dirname(join(dir, file)), { recursive: true })
    writeFileSync(join(dir, file), text)
  }
  return dir
}

/** Links `dir/node_modules/forkcheck` to `target` (this repository), as pnpm or npm link would. */
export function linkForkcheck(dir: string, target = repoRoot): void {
  mkdirSync(join(dir, 'node_modules'), { recursive: true })
  symlinkSync(target, join(dir, 'node_modules', 'forkcheck'), 'dir')
}

/** The environment a user's shell would give the CLI: ours without vitest's own variables. */
export function cleanEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {}
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined || /^(VITEST|VITE_|TINYPOOL|__VITEST)/.test(key) || key === 'NODE_ENV') continue
    env[key] = value
  }
  return { ...env, ...extra }
}

export interface CliRun {
  exitCode: number
  stdout: string
  stderr: string
  report: Report | undefined
}

/** Runs the built CLI in `cwd` with a JSON report written to a temp file, and parses it. */
export async function runCli(
  cwd: string,
  args: string[] = [],
  {
    env = cleanEnv(),
    json = true,
    timeout = 240_000,
  }: { env?: Record<string, string>; json?: boolean; timeout?: number } = {},
): Promise<CliRun> {
  const dir = mkdtempSync(join(tmpdir(), 'forkcheck-test-'))
  const reportFile = join(dir, 'report.json')
  const reportArgs = json
    ? ['--reporter', 'default', '--reporter', 'json', `--outputFile.json=${reportFile}`]
    : []
  const result = await execa(process.execPath, [binPath, ...reportArgs, ...args], {
    cwd,
    env,
    extendEnv: false,
    reject: false,
    timeout,
  })
  let report: Report | undefined
  try {
    report = JSON.parse(readFileSync(reportFile, 'utf8')) as Report
  } catch {
    report = undefined
  }
  rmSync(dir, { recursive: true, force: true })
  return {
    exitCode: result.exitCode ?? -1,
    stdout: String(result.stdout),
    stderr: String(result.stderr),
    report,
  }
}

/** The scenario result with this id, or a failed assertion naming what exists. */
export function findScenario(report: Report | undefined, id: string) {
  const found = report?.scenarios.find((scenario) => scenario.id === id)
  if (!found) throw new Error(`no scenario ${id} in ${report?.scenarios.map((s) => s.id).join(', ')}`)
  return found
}
