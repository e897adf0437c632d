import type { Report, ReportSummary, ScenarioResult } from '../types.js'

/** Counts verdicts over every scenario listed, so they add up to `total`; a skipped one never fails. */
export function summarize(scenarios: ScenarioResult[]): ReportSummary {
  const summary: ReportSummary = { total: 0, same: 0, differs: 0, flaky: 0, error: 0, skipped: 0, failed: 0 }
  for (const scenario of scenarios) {
    summary.total++
    summary[scenario.verdict]++
    if (scenario.verdict !== 'skipped' && !scenario.pass) summary.failed++
  }
  return summary
}

/** The one place that turns a report into an exit code (DESIGN.md): 0 all pass, 1 otherwise. */
export function suggestExitCode(report: Report): number {
  if (report.interrupted) return 1
  return report.summary.failed > 0 ? 1 : 0
}
