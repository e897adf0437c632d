import { summarize } from '../engine/summary.js'
import { compareText } from '../outcome/order.js'
import type { Report, ScenarioResult } from '../types.js'

/** One report read from a file, named for messages. */
export interface ReportInput {
  file: string
  report: Report
}

function describeResult(result: ScenarioResult): string {
  if (result.skipped) return 'skipped'
  return `${result.verdict}, ${result.pass ? 'pass' : 'fail'}`
}

function conflicts(a: ScenarioResult, b: ScenarioResult): boolean {
  return a.verdict !== b.verdict || a.pass !== b.pass || Boolean(a.skipped) !== Boolean(b.skipped)
}

/**
 * Combines shard reports into one: scenarios by id (a scenario in several reports keeps the later
 * file's result, with a warning when the results disagree), the run spanning every shard, and the
 * summary recounted.
 */
export function mergeReports(inputs: ReportInput[]): { report: Report; warnings: string[] } {
  const byId = new Map<string, { file: string; result: ScenarioResult }>()
  const warnings: string[] = []
  for (const { file, report } of inputs) {
    for (const result of report.scenarios) {
      const earlier = byId.get(result.id)
      if (earlier && conflicts(earlier.result, result)) {
        warnings.push(
          `${result.id} is in ${earlier.file} (${describeResult(earlier.result)}) and ${file} (${describeResult(result)}): using ${file}`,
        )
      }
      byId.set(result.id, { file, result })
    }
  }
  const scenarios = [...byId.values()].map(({ result }) => result).sort((a, b) => compareText(a.id, b.id))
  const starts = inputs.map(({ report }) => Date.parse(report.startedAt))
  const ends = inputs.map(({ report }, index) => starts[index]! + report.durationMs)
  const startedAt = Math.min(...starts)
  const merged: Report = {
    version: 1,
    root: inputs[0]?.report.root ?? '',
    startedAt: new Date(startedAt).toISOString(),
    durationMs: Math.max(0, Math.max(...ends) - startedAt),
    scenarios,
    summary: summarize(scenarios),
  }
  if (inputs.some(({ report }) => report.interrupted)) merged.interrupted = true
  return { report: merged, warnings }
}
