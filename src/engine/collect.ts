import { relative } from 'node:path'
import { tailClause } from '../bootstrap/capture.js'
import type { CollectedFile } from '../bootstrap/parent-protocol.js'
import type { SelfImport } from '../scenario/self-import.js'
import { describeParentExit, isStopping, ParentHost } from './parent-host.js'

/** How long importing one scenario file may take in the collector. */
const IMPORT_TIMEOUT_MS = 30_000

export interface CollectOptions {
  root: string
  env: Record<string, string>
  tsCacheDir: string | undefined
  /** Where `forkcheck` resolves from each file (see findSelfImports). */
  selfImports?: Record<string, SelfImport>
  loader?: string
}

/**
 * Imports every scenario file in a collector process (never in the harness) and returns what each
 * holds. A file that hangs or kills the collector becomes an error entry; the rest go on.
 */
export async function collectFiles(files: string[], options: CollectOptions): Promise<CollectedFile[]> {
  const results: CollectedFile[] = []
  let remaining = files
  // After an interrupt nothing new starts: the run reports what it has.
  while (remaining.length > 0 && !isStopping()) {
    const collector = new ParentHost({ root: options.root, env: options.env, execArgv: [] })
    await collector.send({
      type: 'collect',
      files: remaining,
      tsCacheDir: options.tsCacheDir,
      selfImports: options.selfImports ?? {},
      root: options.root,
      loader: options.loader,
    })
    let index = 0
    for (; index < remaining.length; index++) {
      const answer = await collector.receive(IMPORT_TIMEOUT_MS)
      if (answer?.type !== 'collected') break
      results.push(await locateSyntaxErrors(answer.result as CollectedFile, options.root))
    }
    const failed = remaining[index]
    if (failed !== undefined) {
      const hung = !collector.hasExited
      collector.kill()
      const ended = await collector.exit
      const why = hung
        ? `did not finish in ${IMPORT_TIMEOUT_MS / 1000} s`
        : `ended the process (${describeParentExit(ended)})`
      const name = relative(options.root, failed)
      results.push({
        file: failed,
        exports: [],
        error: `Importing ${name} ${why}${tailClause(collector.stderr.text())}`,
      })
      remaining = remaining.slice(index + 1)
    } else {
      remaining = []
      await collector.close()
    }
  }
  return results
}

/** Node 20 gives an ESM syntax error no location: parse the file in the harness to name the line. */
async function locateSyntaxErrors(collected: CollectedFile, root: string): Promise<CollectedFile> {
  if (!collected.error?.includes('SyntaxError') || collected.error.includes('(at ')) return collected
  const { locateSyntaxError } = await import('../ts/transpile.js')
  const at = locateSyntaxError(collected.file)
  return at === undefined
    ? collected
    : { ...collected, error: `${collected.error} (at ${relative(root, collected.file)}:${at})` }
}
