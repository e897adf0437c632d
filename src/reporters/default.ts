import { type Colors, createColors, getDefaultColors, isSupported } from 'tinyrainbow'
import { firstLine, type Paint, renderDetails, sanitizeText, truncateToWidth } from '../report/diff-text.js'
import type { PlannedScenario, Report, Reporter, ReportSummary, ScenarioResult } from '../types.js'
import { formatDuration, type ReporterOptions, resolveOutput, writeToStream } from './types.js'

const CLEAR_LINE = '\r\x1b[K'
const PROGRESS_INTERVAL_MS = 200
const DETAIL_INDENT = '    '

/**
 * The human reporter: one line per scenario, causes and a side-by-side diff for the ones that
 * differ or fail, a live progress line on an interactive terminal, and a summary.
 */
export function createDefaultReporter(options: ReporterOptions): Reporter {
  const { stream, isTTY, isCI, columns } = resolveOutput(options)
  const c = pickColors(options.color, isTTY)
  const paint: Paint = { fork: c.yellow, spawn: c.cyan, label: c.bold, dim: c.dim }
  const showProgress = isTTY && !isCI
  const running = new Map<string, string>()
  let total = 0
  let done = 0
  let startedAt = Date.now()
  let timer: NodeJS.Timeout | undefined

  const drawProgress = (): void => {
    if (!showProgress) return
    const names = [...running.values()].join(', ')
    const elapsed = formatDuration(Date.now() - startedAt)
    const line = `${done}/${total} done · ${elapsed}${names ? ` · running ${names}` : ''}`
    stream.write(CLEAR_LINE + c.dim(truncateToWidth(sanitizeText(line), columns - 1)))
  }
  const print = (lines: string[]): void => {
    stream.write(`${showProgress ? CLEAR_LINE : ''}${lines.join('\n')}\n`)
    drawProgress()
  }

  return {
    onRunStart(info) {
      total = info.scenarios.length
      startedAt = Date.now()
      if (!showProgress) return
      // A redraw keeps the elapsed time moving; unref so a forgotten reporter never holds the run open.
      timer = setInterval(drawProgress, PROGRESS_INTERVAL_MS)
      timer.unref()
      drawProgress()
    },
    onScenarioStart(scenario: PlannedScenario) {
      running.set(scenario.id, scenario.name)
      drawProgress()
    },
    onScenarioEnd(result) {
      running.delete(result.id)
      done++
      print(renderResult(result, c, paint, columns))
    },
    async onRunEnd(report) {
      clearInterval(timer)
      const clear = showProgress ? CLEAR_LINE : ''
      // Awaited so a process that exits right after the run still shows its summary through a pipe.
      await writeToStream(stream, `${clear}\n${renderSummary(report, c).join('\n')}\n`)
    },
  }
}

function pickColors(color: boolean | undefined, isTTY: boolean): Colors {
  return decideColor(color, isTTY) ? createColors({ force: true }) : getDefaultColors()
}

// tinyrainbow alone colours pipes too; forkcheck also asks for a TTY unless colour is forced.
function decideColor(color: boolean | undefined, isTTY: boolean): boolean {
  if (color !== undefined) return color
  if ('NO_COLOR' in process.env) return false
  const force = process.env.FORCE_COLOR
  if (force !== undefined) return force !== '0' && force !== 'false'
  return isTTY && isSupported()
}

function renderResult(result: ScenarioResult, c: Colors, paint: Paint, columns: number): string[] {
  const [symbol, label] = describeVerdict(result, c)
  const title = sanitizeText(`${result.id} › ${result.name}`)
  const head = `${symbol} ${label} ${title} ${c.dim(formatDuration(result.durationMs))}`
  if (result.skipped) return [head]
  const threw = describeSameThrow(result)
  if (threw !== undefined)
    return [head, DETAIL_INDENT + c.dim(truncateToWidth(threw, columns - DETAIL_INDENT.length))]
  const details = renderDetails(result, { width: columns - DETAIL_INDENT.length, paint })
  const colored = result.verdict === 'error' ? details.map((line) => c.red(line)) : details
  return [head, ...colored.map((line) => DETAIL_INDENT + line)]
}

/**
 * For a `same` verdict where every child threw: what they threw. The scenario never got past it,
 * so `same` says little (a module that does not load fails alike in both modes); a bare ✓ hides it.
 */
function describeSameThrow(result: ScenarioResult): string | undefined {
  if (result.verdict !== 'same') return undefined
  const outcomes = [...result.outcomes.fork.flat(), ...result.outcomes.spawn.flat()]
  if (outcomes.length === 0 || outcomes.some((outcome) => outcome.status !== 'threw')) return undefined
  const error = outcomes[0]?.error
  if (error === undefined) return undefined
  const where = error.at ? ` (at ${error.at})` : ''
  return sanitizeText(`both modes threw ${error.name}: ${firstLine(error.message)}${where}`)
}

function describeVerdict(result: ScenarioResult, c: Colors): [string, string] {
  if (result.skipped) return [c.dim('↓'), c.dim('skipped')]
  if (result.verdict === 'error') return [c.red('✗'), c.red('error')]
  if (result.verdict === 'flaky') return [c.yellow('⚠'), c.yellow(result.pass ? 'flaky' : 'flaky (failed)')]
  if (result.verdict === 'differs') {
    if (result.baselined) return [c.green('✓'), c.yellow('differs (baselined)')]
    return result.pass ? [c.green('✓'), c.yellow('differs (expected)')] : [c.red('✗'), c.red('differs')]
  }
  return result.pass ? [c.green('✓'), c.green('same')] : [c.red('✗'), c.red('same (expected differs)')]
}

/** Non-empty counts joined as vitest joins them: `1 failed | 2 passed`. */
function joinCounts(counts: Array<string | number | boolean>, c: Colors): string {
  return counts.filter((count) => typeof count === 'string').join(c.dim(' | '))
}

/**
 * Two lines, as vitest's `Tests` line and then what forkcheck found: whether scenarios met their
 * `expect` (`1 failed | 2 passed`), and their verdicts (`1 differs | 2 same`), which are not the
 * same thing (a `differs` with `expect: 'differs'` passes).
 */
function renderSummary(report: Report, c: Colors): string[] {
  const { summary } = report
  const passed = summary.total - summary.failed - summary.skipped
  const outcomes = joinCounts(
    [
      summary.failed && c.red(`${summary.failed} failed`),
      passed > 0 && c.green(`${passed} passed`),
      summary.skipped && c.dim(`${summary.skipped} skipped`),
    ],
    c,
  )
  const verdicts = joinCounts(
    [
      summary.error && c.red(`${summary.error} error`),
      summary.differs && c.yellow(`${summary.differs} differs`),
      summary.flaky && c.yellow(`${summary.flaky} flaky`),
      summary.same && c.green(`${summary.same} same`),
    ],
    c,
  )
  return [
    ` ${c.bold('Scenarios')}  ${outcomes || 'none'} ${c.dim(`(${summary.total})`)}`,
    ...(verdicts ? [`  ${c.bold('Verdicts')}  ${verdicts}`] : []),
    `  ${c.bold('Duration')}  ${formatDuration(report.durationMs)}`,
    ...renderExitHint(report, summary, c),
  ]
}

function renderExitHint(report: Report, summary: ReportSummary, c: Colors): string[] {
  const lines = report.interrupted
    ? [` ${c.yellow('INTERRUPTED')}  the run stopped before every scenario ran`]
    : []
  if (report.interrupted && summary.failed === 0) return lines
  if (summary.failed > 0) {
    const noun = summary.failed === 1 ? 'scenario' : 'scenarios'
    return [...lines, ` ${c.bgRed(c.white(' FAIL '))} ${summary.failed} ${noun} did not pass (exit code 1)`]
  }
  return [...lines, ` ${c.bgGreen(c.black(' PASS '))} every scenario passed (exit code 0)`]
}
