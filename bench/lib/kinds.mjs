// What each kind of run writes into its project, how it is run, and which floor it is held to.
import { readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { cliBin, vitestBin } from './paths.mjs'
import {
  hooklessScenario,
  parentScenario,
  tsScenario,
  writeHandRolled,
  writeScenarios,
  writeTsLib,
} from './project.mjs'

/**
 * `bareStart`: each scenario starts a parent process of its own, so its floor adds one bare start.
 * `warmUp`: the first run only fills the transpile cache (keyed by source, so it serves every run).
 */
export const KINDS = {
  hookless: { write: (dir, size) => writeScenarios(dir, size, hooklessScenario), flags: [] },
  noprobes: { write: (dir, size) => writeScenarios(dir, size, hooklessScenario), flags: ['--no-probes'] },
  parent: { write: (dir, size) => writeScenarios(dir, size, parentScenario), flags: [], bareStart: true },
  ts: { write: writeTs, flags: [], warmUp: true },
  vitest: { write: writeHandRolled, handRolled: true },
}

function writeTs(dir, size) {
  writeTsLib(dir)
  writeScenarios(dir, size, tsScenario)
}

/** The concurrencies a kind runs at: the hand-rolled test is one vitest file, so only 1. */
export function concurrenciesFor(kind, concurrencies) {
  return KINDS[kind].handRolled ? [1] : concurrencies
}

/** [command, args] of one run of `kind` in `dir`. */
export function commandFor(kind, dir, concurrency) {
  if (KINDS[kind].handRolled) return [process.execPath, [vitestBin, 'run']]
  rmSync(reportPath(dir), { force: true })
  const output = ['--reporter', 'json', '--outputFile', reportPath(dir)]
  return [process.execPath, [cliBin, ...output, '--concurrency', String(concurrency), ...KINDS[kind].flags]]
}

/** What went wrong in a run (its figures are then suspect), or undefined. */
export function findProblem(kind, dir, size, result) {
  if (KINDS[kind].handRolled) return result.status === 0 ? undefined : `vitest exited ${result.status}`
  const report = readReport(dir)
  if (result.status === 0 && report?.summary.same === size) return undefined
  if (!report) return `forkcheck exited ${result.status}, no report: ${result.stderr.trim().slice(-300)}`
  const { same, differs, flaky, error } = report.summary
  const counts = `${same} of ${size} same, ${differs} differs, ${flaky} flaky, ${error} errors`
  return `forkcheck exited ${result.status}, ${counts}${describeFirstOther(report)}`
}

/** The first scenario that was not `same`: its id, verdict and the fields that moved. */
function describeFirstOther(report) {
  const other = report.scenarios.find((scenario) => scenario.verdict !== 'same')
  if (!other) return ''
  const fields = [...(other.diffs ?? []), ...(other.variations ?? [])].map((entry) => entry.path)
  const detail = fields.length > 0 ? ` at ${fields.slice(0, 3).join(', ')}` : ''
  return ` (first: ${other.id} ${other.verdict}${detail}${other.error ? `: ${other.error.message}` : ''})`
}

function readReport(dir) {
  try {
    return JSON.parse(readFileSync(reportPath(dir), 'utf8'))
  } catch {
    return undefined
  }
}

const reportPath = (dir) => join(dir, 'report.json')
