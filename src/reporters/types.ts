import { resolve } from 'node:path'
import type { Reporter } from '../types.js'

/**
 * Options every reporter factory receives.
 *
 * @example
 * createJsonReporter({ root: '/app', outputFile: 'reports/forkcheck.json' })
 */
export interface ReporterOptions {
  /** Absolute project root; a relative `outputFile` or custom reporter path resolves from here. */
  root: string
  /** Where to write (json, junit); without it the report goes to `stream`. */
  outputFile?: string
  /** Default `process.stdout`. */
  stream?: NodeJS.WritableStream
  /** Force colours on or off; default: NO_COLOR / FORCE_COLOR, else colours on a colour-capable TTY. */
  color?: boolean
  /** Environment values are never printed unless this is true (the report holds none anyway). */
  showEnvValues?: boolean
  /** Default: the stream's own `isTTY`. */
  isTTY?: boolean
  /** Default: `process.env.CI` is set and not `false`. */
  isCI?: boolean
  /** Terminal width for side-by-side tables; default: the stream's `columns`, else 100. */
  columns?: number
}

/**
 * Creates a reporter; built-in reporters and custom reporter modules export one.
 *
 * @example
 * const createMine: ReporterFactory = (options) => ({ onRunEnd: (report) => {} })
 */
export type ReporterFactory = (options: ReporterOptions) => Reporter

/** Output options with every default applied. */
export interface ResolvedOutput {
  stream: NodeJS.WritableStream
  isTTY: boolean
  isCI: boolean
  columns: number
}

const DEFAULT_COLUMNS = 100
// Narrower than this, two columns hold nothing readable.
const MIN_COLUMNS = 40

/** Applies the stream, TTY, CI and width defaults once, at the edge. */
export function resolveOutput(options: ReporterOptions): ResolvedOutput {
  const stream = options.stream ?? process.stdout
  const tty = stream as { isTTY?: boolean; columns?: number }
  const isTTY = options.isTTY ?? tty.isTTY === true
  const isCI = options.isCI ?? isCIEnv(process.env)
  const columns = Math.max(MIN_COLUMNS, options.columns ?? tty.columns ?? DEFAULT_COLUMNS)
  return { stream, isTTY, isCI, columns }
}

function isCIEnv(env: NodeJS.ProcessEnv): boolean {
  return env.CI !== undefined && env.CI !== '' && env.CI !== 'false' && env.CI !== '0'
}

/** Resolves `outputFile` against the project root, or `undefined` to write to the stream. */
export function resolveOutputFile(options: ReporterOptions): string | undefined {
  return options.outputFile === undefined ? undefined : resolve(options.root, options.outputFile)
}

/** Writes to a stream and waits until the data is handed off, so a run ends after its output. */
export function writeToStream(stream: NodeJS.WritableStream, data: string): Promise<void> {
  return new Promise((done, fail) => {
    stream.write(data, (error) => (error && !isClosedOutput(error) ? fail(error) : done()))
  })
}

/**
 * The reader of a pipe went away (`forkcheck | head`): what is left to write has no one to read
 * it, and that is no failure of the run, whose exit code and file reports still count.
 */
export function isClosedOutput(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code
  return code === 'EPIPE' || code === 'ERR_STREAM_DESTROYED'
}

/** `12ms`, `1.20s`: one duration format for every human-facing reporter. */
export function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)}ms` : `${(ms / 1000).toFixed(2)}s`
}
