import type { RunnerTask, RunnerTestCase, RunnerTestFile } from 'vitest'
import type { ScenarioResult } from '../types.js'
import { type CheckOptions, checkScenarios } from './check.js'

// The scenario() tests of one file that vitest is going to run are checked in one forkcheck run,
// started by the first of them: one collector and one pool of shared parents instead of one per
// test, and the scenarios run concurrently. Each test then reports its own result.

/** Where a scenario() test's spec is registered, and the run options it asked for. */
export interface InlineTarget {
  file: string
  exportName: string
  options: CheckOptions
}

interface Batch {
  members: Set<string>
  taken: Set<string>
  results: Promise<Map<string, ScenarioResult>>
}

const targets = new WeakMap<RunnerTestCase, InlineTarget>()
// Per collected file (a watch-mode rerun collects a new one), per set of run options.
const batches = new WeakMap<RunnerTestFile, Map<string, Batch>>()

/** Marks a test as a scenario() test, so the first one of its file can find all of them. */
export function rememberTarget(test: RunnerTestCase, target: InlineTarget): void {
  targets.set(test, target)
}

function* walkTests(tasks: RunnerTask[]): Generator<RunnerTestCase> {
  for (const task of tasks) {
    if (task.type === 'test') yield task
    else if (task.type === 'suite') yield* walkTests(task.tasks)
  }
}

function keyOf(options: CheckOptions): string {
  return JSON.stringify(Object.entries(options).sort(([a], [b]) => (a < b ? -1 : 1)))
}

// Modes are final when tests run: -t, .only, .skip and IDE test selections are already applied.
function startBatch(file: RunnerTestFile, key: string, loader: string): Batch {
  const members = [...walkTests(file.tasks)]
    .filter((test) => test.mode === 'run')
    .map((test) => targets.get(test))
    .filter((target): target is InlineTarget => target !== undefined && keyOf(target.options) === key)
  const exportNames = members.map((target) => target.exportName)
  const [first] = members
  const results =
    first === undefined
      ? Promise.resolve(new Map<string, ScenarioResult>())
      : checkScenarios({ file: first.file, exportNames, loader }, first.options).then(
          (list) => new Map(list.map((result, index) => [exportNames[index] ?? '', result])),
        )
  // Tests await it one by one; a failed run must not also count as an unhandled rejection.
  results.catch(() => undefined)
  return { members: new Set(exportNames), taken: new Set(), results }
}

/**
 * This test's result from its file's shared run, or undefined when it must run alone (a retry or
 * a repeat of a test whose result was already taken).
 */
export async function takeBatchResult(
  test: RunnerTestCase,
  loader: string,
): Promise<ScenarioResult | undefined> {
  const target = targets.get(test)
  if (target === undefined) return undefined
  const key = keyOf(target.options)
  let byKey = batches.get(test.file)
  if (byKey === undefined) {
    byKey = new Map()
    batches.set(test.file, byKey)
  }
  let batch = byKey.get(key)
  if (batch === undefined) {
    batch = startBatch(test.file, key, loader)
    byKey.set(key, batch)
  }
  if (!batch.members.has(target.exportName) || batch.taken.has(target.exportName)) return undefined
  batch.taken.add(target.exportName)
  return (await batch.results).get(target.exportName)
}
