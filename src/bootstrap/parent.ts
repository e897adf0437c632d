import { basename, dirname, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { serialize } from 'node:v8'
import type { Message } from '../channel/frames.js'
import { importConfigFile } from '../config/import-config.js'
import { encodeError } from '../outcome/encode.js'
import { installParentRecorders } from '../probes/install.js'
import { Recorder } from '../probes/recorder.js'
import { findScenarioExports, importScenarioFile, loadScenario } from '../scenario/load.js'
import { ScenarioOptionError, validateScenario } from '../scenario/validate.js'
import { registerTypeScript } from '../ts/register.js'
import type { ErrorInfo, ParentContext, ScenarioSpec } from '../types.js'
import { openChannel } from './channel.js'
import { runChildren } from './children.js'
import type { CollectedExport, CollectedFile, SetupFailed, SetupResult } from './parent-protocol.js'
import type { RunRequest } from './start-spec.js'

// The parent bootstrap: one process per scenario set-up (or shared by hookless scenarios, or a
// collector). The harness drives it over fd 3; it never decides anything on its own.

const harnessDir = dirname(dirname(fileURLToPath(import.meta.url)))
const channel = openChannel(3)
let tsRegistered = false
let loaded: { spec: ScenarioSpec; context: ParentContext; input: unknown } | undefined

function useTypeScript(cacheDir: string | undefined): void {
  if (cacheDir === undefined || tsRegistered) return
  // Frames in TypeScript sources (setAt) must name source lines; not a flag, so not inherited.
  process.setSourceMapsEnabled(true)
  registerTypeScript(cacheDir)
  tsRegistered = true
}

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

async function collectFile(file: string, loader: string | undefined): Promise<CollectedFile> {
  let namespace: Record<string, unknown>
  try {
    namespace = await importScenarioFile(file, loader)
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

async function setup(message: Message): Promise<SetupResult | SetupFailed> {
  const { file, exportName, root, workers, name, loader } = message as unknown as {
    file: string
    exportName: string
    loader: string | undefined
    root: string
    workers: number
    name: string
  }
  const recorder = new Recorder(root, harnessDir)
  installParentRecorders(recorder)
  recorder.active = true
  let spec: ScenarioSpec
  try {
    spec = await loadScenario(file, exportName, loader)
  } catch (error) {
    return { type: 'setup-failed', phase: 'load', error: encodeError(error, root, harnessDir) }
  }
  const context: ParentContext = { root, name, workers }
  let input: unknown
  try {
    input = await spec.parent?.(context)
  } catch (error) {
    return { type: 'setup-failed', phase: 'parent', error: encodeError(error, root, harnessDir) }
  } finally {
    recorder.active = false
  }
  let bytes: Uint8Array | undefined
  try {
    bytes = input === undefined ? undefined : serialize(input)
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    const message = `parent() returned a value that cannot be structured-cloned: ${reason}`
    return { type: 'setup-failed', phase: 'parent', error: { name: 'DataCloneError', message } }
  }
  loaded = { spec, context, input }
  return {
    type: 'setup-done',
    input: bytes,
    env: { ...process.env } as Record<string, string>,
    cwd: process.cwd(),
    execArgv: process.execArgv,
    setAt: recorder.toMap(),
  }
}

async function run(request: RunRequest): Promise<Message> {
  const whileChildren = request.runParentWhileChildren ? loaded : undefined
  let parentError: ErrorInfo | undefined
  // parentWhileChildren is user code: a throw or a hang is that scenario's error, not the parent's.
  const during = whileChildren?.spec.parentWhileChildren
    ? async () => {
        let timer: NodeJS.Timeout | undefined
        const late = new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new Error(`parentWhileChildren() did not finish within ${request.timeout} ms`)),
            request.timeout,
          )
        })
        try {
          const context = { ...whileChildren.context, input: whileChildren.input }
          await Promise.race([whileChildren.spec.parentWhileChildren?.(context), late])
        } catch (error) {
          parentError = encodeError(error, request.root, harnessDir)
        } finally {
          clearTimeout(timer)
        }
      }
    : undefined
  const results = await runChildren(request, during)
  return parentError === undefined
    ? { type: 'run-done', results }
    : { type: 'run-done', results, parentError }
}

async function main(): Promise<void> {
  for (;;) {
    channel.hold(true)
    const message = await channel.nextAny()
    if (message.type === 'exit') break
    useTypeScript(message.tsCacheDir as string | undefined)
    if (message.type === 'collect') {
      for (const file of message.files as string[])
        await channel.send({
          type: 'collected',
          result: await collectFile(file, message.loader as string | undefined),
        })
      await channel.send({ type: 'collect-done' })
    } else if (message.type === 'load-config') {
      await channel.send(await importConfigFile(message.file as string, message.root as string, harnessDir))
    } else if (message.type === 'setup') {
      await channel.send((await setup(message)) as never)
    } else {
      await channel.send(await run(message as unknown as RunRequest))
    }
  }
  process.exit(0)
}

main().catch((error: unknown) => {
  process.stderr.write(
    `forkcheck: internal error in the parent bootstrap (a bug in forkcheck):\n${String(error)}\n`,
  )
  process.exit(70)
})
