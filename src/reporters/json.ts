import { writeFileAtomic } from '../report/atomic-write.js'
import type { Report, Reporter } from '../types.js'
import { type ReporterOptions, resolveOutput, resolveOutputFile, writeToStream } from './types.js'

/** Writes the `Report` (version 1, see schema/report.schema.json) as pretty JSON at the end of the run. */
export function createJsonReporter(options: ReporterOptions): Reporter {
  const outputFile = resolveOutputFile(options)
  return {
    async onRunEnd(report) {
      const text = formatReport(report)
      if (outputFile) await writeFileAtomic(outputFile, text)
      else await writeToStream(resolveOutput(options).stream, text)
    },
  }
}

/** The report as the JSON reporter writes it. */
export function formatReport(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`
}
