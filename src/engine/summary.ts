import type { Report, ReportSummary, ScenarioResult } from '../types.js'

/** Counts verdicts; skipped scenarios count only as skipped. */
export function summarize(scenarios: ScenarioResult[]): ReportSummary {
  const summary: ReportSummary = { total: 0, same: 0, differs: 0, flaky: 0, error: 0, failed: 0, skipped: 0 }
  for (const scenario of scenarios) {
    if (scenario.skipped) {
      summary.skipped = (summary.skipped ?? 0) + 1
      continue
    }
    summary.total++
    summary[scenario.verdict]++
    if (!scenario.pass) summary.failed++
  }
  return summary
}

/** The one place that turns a report into an exit code (DESIGN.md): 0 all pass, 1 otherwise. */
export function suggestExitCode(report: Report): number {
  if (report.interrupted) return 1
  return report.summary.failed > 0 ? 1 : 0
}
