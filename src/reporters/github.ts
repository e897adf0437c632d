import { isAbsolute, join, relative, sep } from 'node:path'
import { describeCause, describeSet, renderDetails, summarizeResult } from '../report/diff-text.js'
import type { Cause, Report, Reporter, ScenarioResult } from '../types.js'
import { type ReporterOptions, resolveOutput, writeToStream } from './types.js'

// GitHub shows annotation messages in a narrow panel.
const MESSAGE_WIDTH = 80

/**
 * GitHub Actions annotations: an `::error` per cause of each failing scenario, at the line that read
 * the inherited state (or the scenario file), and a `::warning` per flaky scenario.
 */
export function createGithubReporter(options: ReporterOptions): Reporter {
  return {
    async onRunEnd(report) {
      const text = formatGithubCommands(report, process.env.GITHUB_WORKSPACE)
      // Written once at the end so no command lands inside another reporter's progress line.
      if (text) await writeToStream(resolveOutput(options).stream, text)
    },
  }
}

/**
 * The workflow commands for a report, one per line. Paths are made relative to the checkout
 * (`GITHUB_WORKSPACE`), so annotations land on their lines when the project sits in a subfolder.
 */
export function formatGithubCommands(report: Report, workspace?: string): string {
  const toRepoPath = (file: string) => toWorkspacePath(file, report.root, workspace)
  return report.scenarios.flatMap((result) => formatAnnotations(result, toRepoPath)).join('')
}

function toWorkspacePath(file: string, root: string, workspace: string | undefined): string {
  if (!workspace) return file
  const absolute = isAbsolute(file) ? file : join(root, file)
  const inside = relative(workspace, absolute)
  return inside.startsWith('..') || isAbsolute(inside) ? file : inside.split(sep).join('/')
}

function formatAnnotations(result: ScenarioResult, toRepoPath: (file: string) => string): string[] {
  const flaky = result.verdict === 'flaky' && result.pass
  if (result.skipped || (result.pass && !flaky)) return []
  const command = flaky ? 'warning' : 'error'
  const title = `forkcheck: ${result.name}`
  const summary = `${result.id}: ${summarizeResult(result)}`
  const details = renderDetails(result, { width: MESSAGE_WIDTH }).join('\n')
  const located = result.causes.flatMap((cause) => locateCause(cause))
  if (located.length === 0) {
    return [
      formatCommand(command, { file: toRepoPath(result.file), line: 1, title }, `${summary}\n${details}`),
    ]
  }
  return located.map(({ cause, file, line }) => {
    // Annotated on the project's line into a dependency: say where in the dependency the read was.
    const inDependency = cause.readVia === undefined ? undefined : `in ${cause.readAt}`
    const where = [describeCause(cause), inDependency, describeSet(cause)]
    const message = `${summary}\nread here: ${where.filter(Boolean).join(', ')}\n${details}`
    return formatCommand(command, { file: toRepoPath(file), line, title }, message)
  })
}

function locateCause(cause: Cause): Array<{ cause: Cause; file: string; line: number }> {
  // A read inside a dependency is annotated on the project's line that led to it: a dependency's
  // file is no part of the repository's diff.
  const place = cause.readVia ?? (cause.readAt?.includes('node_modules/') ? undefined : cause.readAt)
  const match = place?.match(/^(.+?):(\d+)(?::\d+)?$/)
  if (!match?.[1] || !match[2]) return []
  return [{ cause, file: match[1], line: Number(match[2]) }]
}

function formatCommand(
  command: string,
  properties: Record<string, string | number>,
  message: string,
): string {
  const list = Object.entries(properties)
    .map(([name, value]) => `${name}=${escapeProperty(String(value))}`)
    .join(',')
  return `::${command} ${list}::${escapeData(message.trimEnd())}\n`
}

/** Escapes a workflow command's message, as the Actions runner unescapes it. */
export function escapeData(text: string): string {
  return text.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A')
}

/** Escapes a workflow command's property value. */
export function escapeProperty(text: string): string {
  return escapeData(text).replaceAll(':', '%3A').replaceAll(',', '%2C')
}
