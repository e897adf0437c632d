import { showScalarTag } from '../outcome/tags.js'
import type { Cause, ChildOutcome, ErrorInfo, PlainValue, ScenarioResult } from '../types.js'

/** Colours for the parts of the rendering; the default paints nothing (plain text for junit, github). */
export interface Paint {
  fork: (text: string) => string
  spawn: (text: string) => string
  /** Section labels and headings. */
  label: (text: string) => string
  /** Rules, separators and secondary details. */
  dim: (text: string) => string
}

/** What one side of a table section shows: text as lines, or a value rendered as compact JSON. */
export type Cell = { text: string } | { value: PlainValue | undefined }

/** One section of a side-by-side table. */
export interface SideBySideRow {
  label: string
  fork: Cell
  spawn: Cell
}

/** Options of `renderDetails`. */
export interface DetailOptions {
  /** Total width of a line, indentation included by the caller. */
  width: number
  paint?: Paint
}

const keep = (text: string): string => text
const PLAIN: Paint = { fork: keep, spawn: keep, label: keep, dim: keep }
// A cell taller than this hides the rest of the table; the count of hidden lines is shown instead.
const MAX_CELL_LINES = 20
const MAX_WRAPPED_LINES = 4
const SEPARATOR = ' │ '

/**
 * The explanation of one scenario, as lines: its error, which fields varied, its causes and a
 * side-by-side table of the fork-like and spawn-like outcomes.
 */
export function renderDetails(result: ScenarioResult, options: DetailOptions): string[] {
  const paint = options.paint ?? PLAIN
  if (result.verdict === 'error') {
    const phase = result.error ? ` (${result.error.phase})` : ''
    return [`error${phase}: ${sanitizeText(firstLine(result.error?.message ?? 'unknown error'))}`]
  }
  const lines: string[] = []
  if (result.verdict === 'flaky') {
    lines.push(`varied within a mode: ${describeVariations(result).join(', ') || 'unknown fields'}`)
  }
  lines.push(...describeEndings(result, paint))
  if (result.pass && result.verdict !== 'differs') return lines
  lines.push(...renderCauses(result, paint))
  // Shown as they ran: ports, pids or temp paths may tell them apart where the comparison did not.
  if (result.verdict === 'same')
    lines.push(
      paint.dim('the outcomes compare equal once normalized (pids, ports, temp paths, times); as they ran:'),
    )
  lines.push(...renderSideBySide(collectRows(result), options.width, paint))
  if (result.unlistedDiffs) lines.push(paint.dim(`… and ${result.unlistedDiffs} more differing fields`))
  return lines
}

/**
 * Timeouts and crashes, one line per mode and kind: a scenario that hangs or crashes in both modes
 * is `same`, and would otherwise pass without a word.
 */
function describeEndings(result: ScenarioResult, paint: Paint): string[] {
  const lines: string[] = []
  for (const mode of ['fork', 'spawn'] as const) {
    const label = mode === 'fork' ? 'fork-like' : 'spawn-like'
    const seen = new Set<string>()
    for (const outcome of result.outcomes[mode].flat()) {
      let text: string | undefined
      if (outcome.timedOut) {
        const alive = outcome.keptAlive?.length ? `; kept alive by ${outcome.keptAlive.join(', ')}` : ''
        text = `timed out${alive}`
      } else if (outcome.crash) text = outcome.crash.message
      if (text !== undefined && !seen.has(text)) {
        seen.add(text)
        lines.push(paint.dim(sanitizeText(`${label}: ${text}`)))
      }
    }
  }
  return lines
}

/**
 * `set at <file:line>`, with `via <file:line>` when that is inside a dependency; undefined without
 * a place.
 *
 * @example
 * describePlace('set', 'node_modules/dotenv/lib/main.js:9', 'scenarios/app.scenario.js:6')
 * // 'set at node_modules/dotenv/lib/main.js:9 via scenarios/app.scenario.js:6'
 */
export function describePlace(
  verb: 'set' | 'read',
  at: string | undefined,
  via: string | undefined,
): string | undefined {
  if (at === undefined) return undefined
  return via === undefined ? `${verb} at ${at}` : `${verb} at ${at} via ${via}`
}

/** Where a cause was set: `set at …` (with its `via`), `set before the run`, or nothing known. */
export function describeSet(cause: Cause): string | undefined {
  if (cause.setBeforeRun) return 'set before the run'
  return describePlace('set', cause.setAt, cause.setVia)
}

/** `env DATABASE_URL (confirmed)`: a cause in a few words, for messages and titles. */
export function describeCause(cause: Cause): string {
  const name = cause.name === undefined ? '' : ` ${cause.name}`
  return `${cause.kind}${name}${cause.confirmed ? ' (confirmed)' : ''}`
}

/** `differs: env DATABASE_URL (confirmed), cwd`: the verdict and its causes on one line. */
export function summarizeResult(result: ScenarioResult): string {
  if (result.verdict === 'error') return `error: ${firstLine(result.error?.message ?? 'unknown error')}`
  const expected = result.pass || result.verdict !== 'same' ? '' : ' (expected differs)'
  const causes = result.causes.map(describeCause).join(', ')
  return `${result.verdict}${expected}${causes ? `: ${causes}` : ''}`
}

function renderCauses(result: ScenarioResult, paint: Paint): string[] {
  if (result.causes.length === 0) {
    return result.verdict === 'differs'
      ? [paint.dim('causes: none found among the inherited state probed')]
      : []
  }
  const lines = [
    paint.label('causes:'),
    ...result.causes.map((cause) => {
      const where = [describeSet(cause), describePlace('read', cause.readAt, cause.readVia)]
      const status = cause.confirmed ? 'confirmed' : paint.dim('unconfirmed')
      const name = cause.name === undefined ? '' : ` ${cause.name}`
      return sanitizeText(`  ${cause.kind}${name}  ${[status, ...where].filter(Boolean).join('  ')}`)
    }),
  ]
  const { attribution, reproduce } = result
  if (attribution?.note) lines.push(paint.dim(sanitizeText(attribution.note)))
  if (attribution?.bounded)
    lines.push(
      paint.dim(`bisection stopped at its budget of ${attribution.runs} runs: the set may not be minimal`),
    )
  if (reproduce) lines.push(`${paint.label('reproduce:')} ${sanitizeText(reproduce)}`)
  return lines
}

/** The diffs of a result, or else its first run's outcomes, as table sections. */
export function collectRows(result: ScenarioResult): SideBySideRow[] {
  if (result.diffs && result.diffs.length > 0) {
    return result.diffs.map((diff) => ({
      label: diff.path,
      fork: { value: diff.fork },
      spawn: { value: diff.spawn },
    }))
  }
  const fork = result.outcomes.fork[0] ?? []
  const spawn = result.outcomes.spawn[0] ?? []
  const count = Math.max(fork.length, spawn.length)
  const rows: SideBySideRow[] = []
  for (let worker = 0; worker < count; worker++) {
    rows.push(...pairOutcomes(fork[worker], spawn[worker], count > 1 ? `[${worker}].` : ''))
  }
  return rows
}

const OUTCOME_FIELDS: Array<[string, (outcome: ChildOutcome) => Cell | undefined]> = [
  ['status', (outcome) => ({ text: outcome.status })],
  ['value', (outcome) => (outcome.status === 'returned' ? { value: outcome.value } : undefined)],
  ['error', (outcome) => (outcome.error ? { text: describeError(outcome.error) } : undefined)],
  ['exit', (outcome) => ({ text: describeExit(outcome) })],
  ['stdout', (outcome) => (outcome.stdout ? { text: outcome.stdout } : undefined)],
  ['stderr', (outcome) => (outcome.stderr ? { text: outcome.stderr } : undefined)],
]

function pairOutcomes(fork: ChildOutcome | undefined, spawn: ChildOutcome | undefined, prefix: string) {
  const rows: SideBySideRow[] = []
  for (const [field, pick] of OUTCOME_FIELDS) {
    const left = fork && pick(fork)
    const right = spawn && pick(spawn)
    if (!left && !right) continue
    const missing = { text: fork && spawn ? '(none)' : '(no outcome)' }
    rows.push({ label: `${prefix}${field}`, fork: left ?? missing, spawn: right ?? missing })
  }
  return rows
}

function describeError(error: ErrorInfo): string {
  const code = error.code ? ` [${error.code}]` : ''
  const cause = error.cause ? `\ncaused by ${describeError(error.cause)}` : ''
  return `${error.name}: ${error.message}${code}${error.at ? `\nat ${error.at}` : ''}${cause}`
}

function describeExit(outcome: ChildOutcome): string {
  const parts = [
    outcome.exitCode !== null && `exit code ${outcome.exitCode}`,
    outcome.signal !== null && `signal ${outcome.signal}`,
    outcome.timedOut && 'timed out',
  ]
  return parts.filter(Boolean).join(', ') || '(no exit recorded)'
}

/** Renders sections as a two-column "fork-like | spawn-like" table fitted to `width`. */
export function renderSideBySide(rows: SideBySideRow[], width: number, paint: Paint = PLAIN): string[] {
  if (rows.length === 0) return []
  const column = Math.floor((width - SEPARATOR.length) / 2)
  const lines = [paint.label(`${padToWidth('fork-like', column)}${SEPARATOR}spawn-like`)]
  for (const row of rows) {
    lines.push(paint.dim(renderRule(row.label, column, width)))
    const left = formatCell(row.fork, column)
    const right = formatCell(row.spawn, column)
    for (let index = 0; index < Math.max(left.length, right.length); index++) {
      const fork = padToWidth(left[index] ?? '', column)
      lines.push((paint.fork(fork) + paint.dim(SEPARATOR) + paint.spawn(right[index] ?? '')).trimEnd())
    }
  }
  return lines
}

function renderRule(label: string, column: number, width: number): string {
  const head = truncateToWidth(`── ${sanitizeText(label)} `, width)
  if (measureWidth(head) > column) return head + '─'.repeat(width - measureWidth(head))
  return `${head}${'─'.repeat(column - measureWidth(head))}─┼─${'─'.repeat(width - column - 3)}`
}

function formatCell(cell: Cell, width: number): string[] {
  const lines = 'text' in cell ? splitText(cell.text) : formatValue(cell.value, width)
  const fitted = lines.map((line) => truncateToWidth(line, width))
  if (fitted.length <= MAX_CELL_LINES) return fitted
  const hidden = fitted.length - MAX_CELL_LINES + 1
  return [...fitted.slice(0, MAX_CELL_LINES - 1), `… ${hidden} more lines`]
}

function splitText(text: string): string[] {
  if (text === '') return ['(empty)']
  const lines = text.split(/\r?\n/)
  // A final newline ends the last line; it does not start another.
  if (lines.length > 1 && lines.at(-1) === '') lines.pop()
  return lines.map(sanitizeText)
}

function formatValue(value: PlainValue | undefined, width: number): string[] {
  if (value === undefined) return ['(absent)']
  if (typeof value === 'string' && value.includes('\n')) return splitText(value)
  const tag = showScalarTag(value)
  const compact = sanitizeText(tag ?? JSON.stringify(value))
  if (measureWidth(compact) <= width) return [compact]
  if (tag === undefined && typeof value !== 'string')
    return JSON.stringify(value, null, 2).split('\n').map(sanitizeText)
  return wrapText(compact, width)
}

function wrapText(text: string, width: number): string[] {
  const lines: string[] = []
  let rest = text
  while (rest !== '' && lines.length < MAX_WRAPPED_LINES) {
    const [head, tail] = sliceToWidth(rest, width)
    lines.push(head)
    rest = tail
  }
  if (rest !== '') lines.push(`… ${[...rest].length} more characters`)
  return lines
}

/** The first line of `text` that is not blank. */
export function firstLine(text: string): string {
  return text.split('\n').find((line) => line.trim() !== '') ?? text
}

/** Fields that varied between runs of one mode, with how many values in how many runs: `fork [0].value.token (2 values in 2 runs)`. */
export function describeVariations(result: ScenarioResult): string[] {
  return (result.variations ?? []).map(({ mode, path, counts }) => {
    const runs = counts.reduce((sum, count) => sum + count, 0)
    return `${mode} ${path} (${counts.length} values in ${runs} runs)`
  })
}

function _isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

const ESCAPES: Record<number, string> = { 9: '\\t', 13: '\\r' }

/** Makes text safe to print or embed: control characters and lone surrogates become visible escapes. */
export function sanitizeText(text: string): string {
  let out = ''
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index)
    const isHigh = code >= 0xd800 && code <= 0xdbff
    const next = text.charCodeAt(index + 1)
    if (isHigh && next >= 0xdc00 && next <= 0xdfff) {
      out += text.slice(index, index + 2)
      index++
    } else if (code < 0x20 || (code >= 0x7f && code <= 0x9f) || (code >= 0xd800 && code <= 0xdfff)) {
      out += ESCAPES[code] ?? `\\u${code.toString(16).padStart(4, '0')}`
    } else {
      out += text.charAt(index)
    }
  }
  return out
}

// Code points a terminal draws two cells wide: CJK, Hangul, full-width forms, emoji.
const WIDE_RANGES: Array<[number, number]> = [
  [0x1100, 0x115f],
  [0x2e80, 0xa4cf],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe30, 0xfe4f],
  [0xff00, 0xff60],
  [0xffe0, 0xffe6],
  [0x1f300, 0x1faff],
  [0x20000, 0x3fffd],
]

function measureCodePoint(codePoint: number): number {
  const isJoiner = codePoint === 0x200d || (codePoint >= 0xfe00 && codePoint <= 0xfe0f)
  if (isJoiner || (codePoint >= 0x300 && codePoint <= 0x36f)) return 0
  return WIDE_RANGES.some(([from, to]) => codePoint >= from && codePoint <= to) ? 2 : 1
}

/** Terminal cells `text` takes (sanitized text: no control characters). */
export function measureWidth(text: string): number {
  let width = 0
  for (const char of text) width += measureCodePoint(char.codePointAt(0) ?? 0)
  return width
}

/** Splits `text` into a head at most `width` cells wide and the rest. */
function sliceToWidth(text: string, width: number): [string, string] {
  let used = 0
  let end = 0
  for (const char of text) {
    used += measureCodePoint(char.codePointAt(0) ?? 0)
    if (used > width) break
    end += char.length
  }
  return [text.slice(0, end), text.slice(end)]
}

/** Cuts `text` to `width` cells, marking the cut with `…`. */
export function truncateToWidth(text: string, width: number): string {
  return measureWidth(text) <= width ? text : `${sliceToWidth(text, width - 1)[0]}…`
}

function padToWidth(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - measureWidth(text)))
}
