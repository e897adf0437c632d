import { createRequire } from 'node:module'
import { dirname } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { RunnerTestFile, TestRunnerConfig, VitestTestRunner } from 'vitest'
import { realPathOr } from '../discover/real-path.js'
import { definitionExportName, findDefinitionsIn, registerInlineScenario } from '../scenario/registry.js'
import type { ScenarioSpec } from '../types.js'
import { useCollectionScope } from './scope.js'

// forkcheck's collector, parents and children are plain Node processes, where a test file's
// top-level describe()/test() calls throw. This loader imports the file inside a vitest collection
// with a runner that only imports: tests and hooks are registered and never run, while scenario()
// and defineScenario() calls register their specs where the engine finds them.

interface CollectingRunner {
  collectTests(files: string[], runner: VitestTestRunner): Promise<RunnerTestFile[]>
  getCurrentSuite(): { file?: object }
  getCurrentTest(): unknown
}

const CONFIG: TestRunnerConfig = {
  root: process.cwd(),
  setupFiles: [],
  name: undefined,
  passWithNoTests: true,
  testNamePattern: undefined,
  allowOnly: true,
  sequence: { seed: 0, hooks: 'stack', setupFiles: 'list' },
  chaiConfig: undefined,
  maxConcurrency: 5,
  testTimeout: 5_000,
  hookTimeout: 10_000,
  retry: 0,
  includeTaskLocation: false,
  tags: [],
  tagsFilter: undefined,
  strictTags: false,
}

function resolveVitestFrom(from: string): string | undefined {
  try {
    return createRequire(from).resolve('vitest/package.json')
  } catch {
    return undefined
  }
}

/**
 * The @vitest/runner the file's own `import 'vitest'` uses (its collector state is the one to
 * fill), else the one beside forkcheck (a module that does not import vitest itself).
 */
async function importVitestRunner(file: string): Promise<CollectingRunner> {
  const vitestPackage = resolveVitestFrom(file) ?? resolveVitestFrom(import.meta.url)
  if (vitestPackage === undefined) throw new Error('forkcheck/vitest needs the `vitest` package installed.')
  const runnerEntry = createRequire(vitestPackage).resolve('@vitest/runner')
  return (await import(pathToFileURL(runnerEntry).href)) as CollectingRunner
}

/** An error vitest caught while collecting (e.g. in a describe() callback), as an Error again. */
function reviveError(data: { name?: string; message?: string; stack?: string } | undefined): Error {
  const error = new Error(data?.message ?? 'collecting the test file failed')
  error.name = data?.name ?? 'Error'
  if (data?.stack !== undefined) error.stack = data.stack
  return error
}

/** defineScenario() calls of this collection that were made in `file` become inline scenarios. */
function registerDefinitions(scope: object, file: string): void {
  const specs = findDefinitionsIn(scope, realPathOr(file, file))
  specs.forEach((spec, index) => {
    registerInlineScenario(file, definitionExportName(index), spec as ScenarioSpec)
  })
}

const MOCKER = '__vitest_mocker__'
/** What a test file's top level queues for vitest's module mocker. */
const QUEUED = new Set<PropertyKey>(['queueMock', 'queueUnmock'])

/**
 * vitest's module mocker, as far as a child needs one while it collects a test file: vitest hoists
 * a top-level vi.mock()/vi.unmock() and applies it in its own workers, where the file's tests run,
 * while forkcheck's children are plain processes that import your real modules, as any child
 * process would. There those calls do nothing (vitest's own refuses them outside its workers).
 */
function standInMocker(): object {
  return new Proxy(
    {},
    {
      get(_, name) {
        if (QUEUED.has(name)) return () => {}
        return () => {
          throw new Error(
            `vi.${String(name)}() cannot run in forkcheck's children, which import your real modules (a top-level vi.mock() is skipped there)`,
          )
        }
      },
    },
  )
}

/** Runs `collect` with the stand-in mocker in place, unless vitest's own is there. */
async function withStandInMocker<T>(collect: () => Promise<T>): Promise<T> {
  const holder = globalThis as Record<string, unknown>
  if (holder[MOCKER] !== undefined) return collect()
  holder[MOCKER] = standInMocker()
  try {
    return await collect()
  } finally {
    delete holder[MOCKER]
  }
}

/**
 * An error of collecting `file` with a hint when forkcheck's own `vitest` is another copy than the
 * file's (a linked forkcheck brings its own): its scenario() then registers in a collection no one
 * runs, and vitest only says that it "failed to access its internal state" or "find the current suite".
 */
export function explainCopies(error: unknown, file: string): unknown {
  const fileVitest = resolveVitestFrom(file)
  const ownVitest = resolveVitestFrom(import.meta.url)
  if (fileVitest === undefined || ownVitest === undefined) return error
  const [fileCopy, ownCopy] = [fileVitest, ownVitest].map((path) => dirname(realPathOr(path, path)))
  if (fileCopy === ownCopy || !/Vitest failed to/.test(String((error as Error | null)?.message))) return error
  return new Error(
    `${(error as Error).message.split('\n')[0]?.replace(/ One of the following.*/, '')} The file uses the vitest in ${fileCopy}, forkcheck/vitest the one in ${ownCopy}: two copies cannot share a collection outside vitest's workers. Install forkcheck in this project (npm install -D forkcheck) rather than linking a copy with its own node_modules, so that both use one vitest.`,
    { cause: error },
  )
}

const VITEST_GLOBAL =
  /^(describe|suite|it|test|bench|expect|expectTypeOf|assert|assertType|vi|vitest|beforeAll|afterAll|beforeEach|afterEach|onTestFailed|onTestFinished) is not defined$/

/**
 * A `describe is not defined` with the reason: vitest's `globals: true` puts its API on
 * `globalThis` in its own workers only, and a file that relies on it passes there while every
 * forkcheck child that imports it fails.
 */
export function explainGlobals(error: unknown): unknown {
  if (!(error instanceof Error) || error.name !== 'ReferenceError') return error
  const name = VITEST_GLOBAL.exec(error.message)?.[1]
  if (name === undefined) return error
  const message = `${error.message}: vitest's \`globals: true\` does not reach forkcheck's child processes, which import this file with Node. Import it: import { ${name} } from 'vitest'`
  // The stack keeps its frames (the report points at the line); only its first line changes.
  if (typeof error.stack === 'string') error.stack = error.stack.replace(error.message, message)
  error.message = message
  return error
}

/**
 * Imports a vitest test file (or any module) inside a collection and returns its namespace.
 * forkcheck calls it through `RunOptions.loader` in every process that loads the file.
 */
export async function importScenarioFile(file: string): Promise<Record<string, unknown>> {
  try {
    return await withStandInMocker(() => collectFile(file))
  } catch (error) {
    throw explainGlobals(explainCopies(error, file))
  }
}

async function collectFile(file: string): Promise<Record<string, unknown>> {
  const runnerModule = await importVitestRunner(file)
  useCollectionScope(runnerModule)
  let namespace: Record<string, unknown> = {}
  let importError: { error: unknown } | undefined
  const runner: VitestTestRunner = {
    config: CONFIG,
    async importFile(path) {
      try {
        namespace = (await import(pathToFileURL(path).href)) as Record<string, unknown>
      } catch (error) {
        importError = { error }
        throw error
      }
    },
  }
  const [collected] = await runnerModule.collectTests([file], runner)
  // The import's own error keeps its stack, so the report points at the line that threw.
  if (importError !== undefined) throw importError.error
  if (collected?.result?.state === 'fail') throw reviveError(collected.result.errors?.[0])
  if (collected !== undefined) registerDefinitions(collected, file)
  return namespace
}
