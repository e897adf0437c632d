import { relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { RunnerTestCase, RunnerTestFile, TestContext, TestOptions } from 'vitest'
import { TestRunner } from 'vitest'
import { describeValue } from '../config/describe.js'
import { inlineExportName, registerInlineScenario } from '../scenario/registry.js'
import { ScenarioOptionError, validateScenario } from '../scenario/validate.js'
import type { ScenarioSpec } from '../types.js'
import { type InlineTarget, rememberTarget, takeBatchResult } from './batch.js'
import { type CheckOptions, checkScenarios, findRootOf } from './check.js'
import { assertPassed, describeWarning, ScenarioAssertionError } from './failure.js'

/** The module forkcheck's collector, parent and children import a test file through. */
export const CHILD_LOADER = fileURLToPath(new URL('./child-loader.js', import.meta.url))

// A scenario test starts a collector, a parent and children per mode, and may bisect: vitest's
// 5 s default would cut most of them short.
const DEFAULT_TIMEOUT = 120_000

/**
 * Options of one `scenario()` test: run options, and vitest's `timeout` (default 120 000 ms, for
 * the whole check) and `tags`.
 *
 * @example
 * scenario('reads the tier', { timeout: 30_000, ignoreEnv: ['CI'] }, spec)
 */
export interface ScenarioTestOptions extends CheckOptions, Pick<TestOptions, 'timeout' | 'tags'> {}

/** A spec, or a function that makes one when the test file is collected. */
export type SpecOrMaker<Input> = ScenarioSpec<Input> | (() => ScenarioSpec<Input>)

/**
 * `scenario(name, spec)`: a vitest test that runs `spec` fork-like and spawn-like and fails with
 * the CLI's causes and side-by-side diff unless it meets `spec.expect`. vitest's modifiers apply.
 *
 * @example
 * scenario('reads config from the env the parent set', {
 *   parent() { process.env.TIER = 'gold' },
 *   child: async () => (await import('../src/config.js')).loadConfig(),
 *   expect: 'differs',
 * })
 */
export interface ScenarioAPI {
  <Input = undefined>(name: string, spec: SpecOrMaker<Input>, timeout?: number): void
  <Input = undefined>(name: string, options: ScenarioTestOptions, spec: SpecOrMaker<Input>): void
  only: ScenarioAPI
  skip: ScenarioAPI
  concurrent: ScenarioAPI
  sequential: ScenarioAPI
  /** A placeholder reported as todo. */
  todo: (name: string) => void
  skipIf: (condition: unknown) => ScenarioAPI
  runIf: (condition: unknown) => ScenarioAPI
  /** One scenario per case; `%s`, `%i`, `$name`… in the name as in `test.each`. */
  each: <Case>(cases: readonly Case[]) => {
    <Input>(name: string, make: (...args: CaseArgs<Case>) => ScenarioSpec<Input>, timeout?: number): void
    <Input>(
      name: string,
      options: ScenarioTestOptions,
      make: (...args: CaseArgs<Case>) => ScenarioSpec<Input>,
    ): void
  }
  /** One scenario per case, the case passed whole, as in `test.for`. */
  for: <Case>(
    cases: readonly Case[],
  ) => <Input>(name: string, make: (item: Case) => ScenarioSpec<Input>) => void
}

type CaseArgs<Case> = Case extends readonly unknown[] ? Case : [Case]

interface Parsed {
  spec: ScenarioSpec | undefined
  options: ScenarioTestOptions
}

/** `(name, spec, timeout?)` or `(name, options, spec)`; makers (`.each`, `.for`) are called now. */
function parseArguments(second: unknown, third: unknown): Parsed {
  const optionsFirst = third !== undefined && typeof third !== 'number'
  const rawOptions = optionsFirst ? second : { timeout: third }
  const rawSpec = optionsFirst ? third : second
  if (rawOptions === null || typeof rawOptions !== 'object') {
    throw new TypeError(
      `Expected the options of scenario() to be an object, got ${describeValue(rawOptions)}.`,
    )
  }
  const spec = typeof rawSpec === 'function' ? (rawSpec as () => unknown)() : rawSpec
  if (spec !== undefined && (spec === null || typeof spec !== 'object')) {
    throw new TypeError(
      `Expected scenario(name, spec) to get a scenario object with a \`child\` function, got ${describeValue(spec)}.`,
    )
  }
  return { spec: spec as ScenarioSpec | undefined, options: rawOptions as ScenarioTestOptions }
}

// Same full name twice in one file: the second is `@name#2`, in the worker and in the child alike.
const occurrences = new WeakMap<RunnerTestFile, Map<string, number>>()

function nextExportName(file: RunnerTestFile, fullName: string): string {
  let counts = occurrences.get(file)
  if (counts === undefined) {
    counts = new Map()
    occurrences.set(file, counts)
  }
  const occurrence = (counts.get(fullName) ?? 0) + 1
  counts.set(fullName, occurrence)
  return inlineExportName(fullName, occurrence)
}

interface Target extends InlineTarget {
  /** The line of the scenario() call, for messages. */
  line: string | undefined
}

/** The line of `file` that called scenario(), for the failure message (never a code frame). */
function findCallLine(file: string): string | undefined {
  const holder: { stack?: string } = {}
  const limit = Error.stackTraceLimit
  Error.stackTraceLimit = 20
  Error.captureStackTrace(holder)
  Error.stackTraceLimit = limit
  const frame = holder.stack?.split('\n').find((line) => line.includes(`${file}:`))
  return frame?.slice(frame.indexOf(file) + file.length).match(/^:(\d+)/)?.[1]
}

function describeLocation(target: Target): string {
  const path = relative(findRootOf(target.file), target.file).split('\\').join('/')
  return target.line === undefined ? path : `${path}:${target.line}`
}

async function runInline(target: Target, spec: ScenarioSpec, context: TestContext): Promise<void> {
  // The same check the collector makes, before starting any process.
  try {
    validateScenario(spec, target.exportName)
  } catch (error) {
    if (!(error instanceof ScenarioOptionError)) throw error
    throw new ScenarioAssertionError(`${error.message} (${describeLocation(target)})`, 'FORKCHECK_ERROR')
  }
  const alone = async () => {
    const { file, exportName, options } = target
    const [result] = await checkScenarios(
      { file, exportNames: [exportName], loader: CHILD_LOADER },
      { ...options, signal: context.signal },
    )
    return result
  }
  const result = (await takeBatchResult(context.task, CHILD_LOADER)) ?? (await alone())
  if (result === undefined) return
  const warning = describeWarning(result)
  if (warning !== undefined) await context.annotate(warning, 'warning')
  assertPassed(result, describeLocation(target))
}

function collectScenario(
  this: Record<string, unknown>,
  name: string,
  second?: unknown,
  third?: unknown,
): void {
  // forkcheck's children only collect the file: a scenario made while a test runs never exists there.
  if (TestRunner.getCurrentTest() !== undefined) {
    throw new Error(
      'scenario() must be called at the top level of a test file or in describe(), not in a test.',
    )
  }
  const { spec, options } = parseArguments(second, third)
  const { timeout = DEFAULT_TIMEOUT, tags, ...checkOptions } = options
  let target: Target | undefined
  let registered: ScenarioSpec | undefined
  const handler = async (context: TestContext) => {
    if (target !== undefined && registered !== undefined) await runInline(target, registered, context)
  }
  // A spec's own skip/only act as vitest's modifiers; forkcheck then runs just this one scenario.
  const task: RunnerTestCase = TestRunner.getCurrentSuite().task(name, {
    ...this,
    timeout,
    ...(tags === undefined ? {} : { tags }),
    ...(spec?.skip ? { skip: true } : {}),
    ...(spec?.only ? { only: true } : {}),
    ...(spec === undefined ? {} : { handler }),
  })
  if (spec === undefined) return
  const { only, skip, ...rest } = spec
  const file = task.file.filepath
  registered = { ...rest, name: spec.name ?? (task.fullTestName || name || 'scenario') }
  const exportName = nextExportName(task.file, task.fullTestName)
  target = { file, exportName, options: checkOptions, line: findCallLine(file) }
  rememberTarget(task, target)
  registerInlineScenario(file, exportName, registered)
}

/** See {@link ScenarioAPI}. */
export const scenario = TestRunner.createTaskCollector(collectScenario) as unknown as ScenarioAPI
