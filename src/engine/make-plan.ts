import { relative } from 'node:path'
import type { CollectedFile } from '../bootstrap/parent-protocol.js'
import { UsageError } from '../errors.js'
import type { RunOptions } from './options.js'
import type { PlannedScenarioRun } from './plan.js'

export interface Plan {
  toRun: PlannedScenarioRun[]
  skipped: PlannedScenarioRun[]
}

function toPlanned(collected: CollectedFile, root: string): PlannedScenarioRun[] {
  const file = relative(root, collected.file).split('\\').join('/')
  const base = { file, absoluteFile: collected.file }
  if (collected.error !== undefined) {
    const name = file.split('/').pop() ?? file
    return [
      {
        ...base,
        id: `${file}#default`,
        exportName: 'default',
        name,
        error: { message: collected.error, phase: 'load' },
      },
    ]
  }
  return collected.exports.map((entry) => {
    const id = `${file}#${entry.exportName}`
    if ('error' in entry) {
      const name = entry.exportName === 'default' ? file : `${file} › ${entry.exportName}`
      return {
        ...base,
        id,
        exportName: entry.exportName,
        name,
        error: { message: entry.error, phase: 'options' },
      }
    }
    return { ...base, id, exportName: entry.exportName, name: entry.options.name, options: entry.options }
  })
}

/** Parses `--shard i/n`. */
export function parseShard(shard: string): { index: number; count: number } {
  const match = /^(\d+)\/(\d+)$/.exec(shard)
  const index = Number(match?.[1])
  const count = Number(match?.[2])
  if (!match || count < 1 || index < 1 || index > count) {
    throw new UsageError(
      `Expected \`--shard\` as index/count with 1 <= index <= count (e.g. 2/4), got \`${shard}\`.`,
    )
  }
  return { index, count }
}

function matchesName(pattern: string | RegExp | undefined, scenario: PlannedScenarioRun): boolean {
  if (pattern === undefined) return true
  const regex = typeof pattern === 'string' ? new RegExp(pattern) : pattern
  return regex.test(scenario.name) || regex.test(scenario.id)
}

/**
 * Turns what was collected into the immutable list of scenarios to run: `only`, `skip`, the name
 * pattern and the shard decide; broken scenarios always run (they report their error).
 */
export function makePlan(collected: CollectedFile[], root: string, runOptions: RunOptions): Plan {
  const all = collected
    .flatMap((file) => toPlanned(file, root))
    .map((scenario) =>
      runOptions.loader === undefined ? scenario : { ...scenario, loader: runOptions.loader },
    )
    .sort((a, b) => a.id.localeCompare(b.id))
  const shard = runOptions.shard === undefined ? undefined : parseShard(runOptions.shard)
  const sharded = shard ? all.filter((_, index) => index % shard.count === shard.index - 1) : all
  const anyOnly = sharded.some((scenario) => scenario.options?.only)
  const toRun: PlannedScenarioRun[] = []
  const skipped: PlannedScenarioRun[] = []
  for (const scenario of sharded) {
    const options = scenario.options
    const excluded =
      options !== undefined &&
      (options.skip || (anyOnly && !options.only) || !matchesName(runOptions.testNamePattern, scenario))
    ;(excluded ? skipped : toRun).push(scenario)
  }
  return { toRun, skipped }
}
