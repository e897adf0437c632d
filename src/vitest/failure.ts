import { renderDetails, sanitizeText } from '../report/diff-text.js'
import type { ScenarioResult } from '../types.js'

// Side-by-side tables are laid out for this width: vitest's output is not a terminal we can measure.
const WIDTH = 100
const INDENT = '  '

/**
 * A scenario that did not behave as asserted. Its stack holds no frame: vitest would print a code
 * frame of the failing line, which may hold a secret literal; the message names the scenario.
 */
export class ScenarioAssertionError extends Error {
  override name = 'ScenarioAssertionError'
  readonly code: 'FORKCHECK_MISMATCH' | 'FORKCHECK_ERROR'

  constructor(message: string, code: ScenarioAssertionError['code'] = 'FORKCHECK_MISMATCH') {
    super(message)
    this.code = code
    this.stack = `${this.name}: ${message}`
  }
}

/**
 * `id › name: headline (where)`, then the causes and side-by-side table the CLI prints.
 * `where` is a `file:line` of the test file, since the error carries no stack.
 */
export function describeResult(result: ScenarioResult, headline: string, where?: string): string {
  const title = sanitizeText(`${result.id} › ${result.name}`)
  const place = where === undefined ? '' : ` (${where})`
  const details = renderDetails(result, { width: WIDTH - INDENT.length })
  return [`${title}: ${headline}${place}`, ...details.map((line) => INDENT + line)].join('\n')
}

/** What a result's verdict means against its own `expect`, in a few words. */
export function describeVerdict(result: ScenarioResult): string {
  if (result.skipped) return 'skipped by forkcheck (`skip: true`, or another scenario of its file is `only`)'
  if (result.verdict === 'error') return 'could not run'
  if (result.verdict === 'same') return 'behaved the same when forked and spawned, but `expect` is `differs`'
  if (result.verdict === 'flaky') return 'varied between runs of one mode (flaky)'
  return 'differs between fork-like and spawn-like'
}

/** Throws with the CLI's details unless the scenario met its `expect`. */
export function assertPassed(result: ScenarioResult, where?: string): void {
  if (result.pass && !result.skipped) return
  const code = result.verdict === 'error' || result.skipped ? 'FORKCHECK_ERROR' : 'FORKCHECK_MISMATCH'
  throw new ScenarioAssertionError(describeResult(result, describeVerdict(result), where), code)
}

/** A passing flaky result's details, which the CLI prints as a warning; undefined otherwise. */
export function describeWarning(result: ScenarioResult): string | undefined {
  return result.pass && result.verdict === 'flaky'
    ? describeResult(result, describeVerdict(result))
    : undefined
}
