import { basename, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { encodeError } from '../outcome/encode.js'
import { findScenarioExports, importScenarioFile } from '../scenario/load.js'
import type { SelfImport } from '../scenario/self-import.js'
import { ScenarioOptionError, validateScenario } from '../scenario/validate.js'
import type { CollectedExport, CollectedFile } from './parent-protocol.js'

// The collector's work: run once per run, in a parent of its own, so kept out of other parents.

/** The name a scenario gets without a `name` option: its file name, plus the export name. */
function defaultName(file: string, exportName: string): string {
  const base = basename(file).replace(/\.(?:scenario\.)?[cm]?[jt]s$/, '')
  return exportName === 'default' ? base : `${base} › ${exportName}`
}

/** Node puts a syntax error's `file:line` on the first line of its stack, not in a frame. */
function findSyntaxErrorLocation(error: unknown, root: string): string | undefined {
  if (!(error instanceof SyntaxError) || typeof error.stack !== 'string') return undefined
  const match = /^(file:\/\/\S+|\/\S+):(\d+)$/.exec(error.stack.split('\n')[0] ?? '')
  if (!match?.[1]) return undefined
  const path = match[1].startsWith('file:') ? fileURLToPath(match[1]) : match[1]
  return `${relative(root, path)}:${match[2]}`
}

/** Imports one scenario file and validates its scenarios, for the harness's plan. */
export async function collectFile(
  file: string,
  loader: string | undefined,
  harnessDir: string,
  self?: SelfImport,
): Promise<CollectedFile> {
  let namespace: Record<string, unknown>
  try {
    namespace = await importScenarioFile(file, loader, self)
  } catch (error) {
    const info = encodeError(error, process.cwd(), harnessDir)
    const at = info.at ?? findSyntaxErrorLocation(error, process.cwd())
    const where = at ? ` (at ${at})` : ''
    return {
      file,
      exports: [],
      error: `Could not import the scenario file: ${info.name}: ${info.message}${where}`,
    }
  }
  const found = findScenarioExports(namespace, file)
  if (found.length === 0) {
    return {
      file,
      exports: [],
      error: 'No scenario export: write `export default defineScenario({ child() { … } })`.',
    }
  }
  const exports: CollectedExport[] = found.map(({ exportName, spec }) => {
    try {
      return { exportName, options: validateScenario(spec, defaultName(file, exportName)) }
    } catch (error) {
      if (error instanceof ScenarioOptionError) return { exportName, error: error.message }
      throw error
    }
  })
  return { file, exports }
}
