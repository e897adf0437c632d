import { relative } from 'node:path'
import type { CollectedFile } from '../bootstrap/parent-protocol.js'
import { UsageError } from '../errors.js'
import type { SelfImport } from '../scenario/self-import.js'
import type { RunOptions } from './options.js'
import type { PlannedScenarioRun } from './plan.js'

export interface Plan {
  toRun: PlannedScenarioRun[]
  skipped: PlannedScenarioRun[]
}

function toPlanned(
  collected: CollectedFile,
  root: string,
  self: SelfImport | undefined,
): PlannedScenarioRun[] {
  const file = relative(root, collected.file).split('\\').join('/')
  const base = { file, absoluteFile: collected.file, ...(self && { selfImport: self }) }
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

/** Code-unit order: the same on every machine whatever its locale, so every shard sees one order. */
function compareIds(a: PlannedScenarioRun, b: PlannedScenarioRun): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0
}

/** Every `count`-th item from `index - 1`: shares differ in size by one at most. */
export function pickShard<T>(items: T[], { index, count }: { index: number; count: number }): T[] {
  return items.filter((_, position) => position % count === index - 1)
}

/**
 * Turns what was collected into the immutable list of scenarios to run: `only`, `skip` and the
 * name pattern decide over the whole project, then the shard takes its share of what runs (and of
 * what is skipped), so the shards together are exactly the unsharded run. Broken scenarios always
 * run (they report their error). `selfImports`: see findSelfImports.
 */
export function makePlan(
  collected: CollectedFile[],
  root: string,
  runOptions: RunOptions,
  selfImports: Record<string, SelfImport> = {},
): Plan {
  const all = collected
    .flatMap((file) => toPlanned(file, root, selfImports[file.file]))
    .map((scenario) =>
      runOptions.loader === undefined ? scenario : { ...scenario, loader: runOptions.loader },
    )
    .sort(compareIds)
  const anyOnly = all.some((scenario) => scenario.options?.only)
  const toRun: PlannedScenarioRun[] = []
  const skipped: PlannedScenarioRun[] = []
  for (const scenario of all) {
    const options = scenario.options
    const excluded =
      options !== undefined &&
      (options.skip || (anyOnly && !options.only) || !matchesName(runOptions.testNamePattern, scenario))
    ;(excluded ? skipped : toRun).push(scenario)
  }
  if (runOptions.shard === undefined) return { toRun, skipped }
  const shard = parseShard(runOptions.shard)
  return { toRun: pickShard(toRun, shard), skipped: pickShard(skipped, shard) }
}
