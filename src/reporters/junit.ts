import { writeFileAtomic } from '../report/atomic-write.js'
import { renderDetails, summarizeResult } from '../report/diff-text.js'
import type { Report, Reporter, ScenarioResult } from '../types.js'
import { type ReporterOptions, resolveOutput, resolveOutputFile, writeToStream } from './types.js'

// Wide enough for two readable columns, narrow enough for CI test viewers.
const BODY_WIDTH = 100

/** Writes JUnit XML at the end of the run: one `<testsuite name="forkcheck">`, one `<testcase>` per scenario. */
export function createJunitReporter(options: ReporterOptions): Reporter {
  const outputFile = resolveOutputFile(options)
  return {
    async onRunEnd(report) {
      const xml = formatJunit(report)
      if (outputFile) await writeFileAtomic(outputFile, xml)
      else await writeToStream(resolveOutput(options).stream, xml)
    },
  }
}

/** The report as JUnit XML. */
export function formatJunit(report: Report): string {
  const counts = {
    tests: report.scenarios.length,
    failures: report.scenarios.filter((result) => isFailure(result)).length,
    errors: report.scenarios.filter((result) => !result.skipped && result.verdict === 'error').length,
    skipped: report.scenarios.filter((result) => result.skipped).length,
    time: formatSeconds(report.durationMs),
  }
  const suite = { name: 'forkcheck', timestamp: report.startedAt, ...counts }
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${formatAttributes({ name: 'forkcheck', ...counts })}>`,
    `  <testsuite${formatAttributes(suite)}>`,
    ...report.scenarios.map(formatTestcase),
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n')
}

function isFailure(result: ScenarioResult): boolean {
  return !result.skipped && !result.pass && result.verdict !== 'error'
}

function formatTestcase(result: ScenarioResult): string {
  const attributes = formatAttributes({
    classname: result.file,
    name: result.name,
    time: formatSeconds(result.durationMs),
  })
  const open = `    <testcase${attributes}`
  if (result.skipped) return `${open}>\n      <skipped/>\n    </testcase>`
  if (result.verdict === 'error') {
    const error = { message: summarizeResult(result), type: result.error?.phase ?? 'internal' }
    const body = escapeXml(result.error?.message ?? '')
    return `${open}>\n      <error${formatAttributes(error)}>${body}</error>\n    </testcase>`
  }
  if (result.pass) return `${open}/>`
  const failure = formatAttributes({ message: summarizeResult(result), type: result.verdict })
  const body = escapeXml(renderDetails(result, { width: BODY_WIDTH }).join('\n'))
  return `${open}>\n      <failure${failure}>${body}</failure>\n    </testcase>`
}

function formatSeconds(ms: number): string {
  return (ms / 1000).toFixed(3)
}

function formatAttributes(attributes: Record<string, string | number>): string {
  return Object.entries(attributes)
    .map(([name, value]) => ` ${name}="${escapeXml(String(value), true)}"`)
    .join('')
}

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  '\n': '&#10;',
  '\r': '&#13;',
  '\t': '&#9;',
}
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly the characters XML 1.0 forbids.
const ILLEGAL_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/gu

/** Escapes text for XML 1.0; in attributes, whitespace is escaped too so parsers keep it. */
export function escapeXml(text: string, attribute = false): string {
  const special = attribute ? /[&<>"'\n\r\t]/g : /[&<>\r]/g
  return text.replace(ILLEGAL_XML, '').replace(special, (char) => ENTITIES[char] ?? char)
}
