import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Message } from '../channel/frames.js'
import { encodeError } from '../outcome/encode.js'
import { copyProxies } from '../outcome/instances.js'
import { describePrivateState, describeUncloneable } from '../outcome/uncloneable.js'
import { installParentRecorders } from '../probes/install.js'
import { Recorder } from '../probes/recorder.js'
import { clearInterval, clearTimeout, setInterval, setTimeout } from '../process/own-timers.js'
import { loadScenario } from '../scenario/load.js'
import type { SelfImport } from '../scenario/self-import.js'
import type { ErrorInfo, ParentContext, ScenarioSpec } from '../types.js'
import { openChannel } from './channel.js'
import { runChildren } from './children.js'
import { encodeInput } from './input.js'
import type { SetupFailed, SetupResult } from './parent-protocol.js'
import type { RunRequest } from './start-spec.js'

// The parent bootstrap: one process per scenario set-up (or shared by hookless scenarios, or a
// collector). The harness drives it over fd 3; it never decides anything on its own. What only
// some parents need (TypeScript, collecting, config files) loads when first asked for.

const harnessDir = dirname(dirname(fileURLToPath(import.meta.url)))
const channel = openChannel(3)
let tsRegistered = false
let loaded: { spec: ScenarioSpec; context: ParentContext; input: unknown } | undefined

async function useTypeScript(cacheDir: string | undefined): Promise<void> {
  if (cacheDir === undefined || tsRegistered) return
  // Frames in TypeScript sources (setAt) must name source lines; not a flag, so not inherited.
  process.setSourceMapsEnabled(true)
  ;(await import('../ts/register.js')).registerTypeScript(cacheDir)
  tsRegistered = true
}

async function setup(message: Message): Promise<SetupResult | SetupFailed> {
  const { file, exportName, root, workers, name, loader, selfImport } = message as unknown as {
    file: string
    exportName: string
    loader: string | undefined
    selfImport: SelfImport | undefined
    root: string
    workers: number
    name: string
  }
  const recorder = new Recorder(root, harnessDir, 'last')
  installParentRecorders(recorder)
  recorder.active = true
  let spec: ScenarioSpec
  try {
    spec = await loadScenario(file, exportName, loader, selfImport)
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
  const privateState = describePrivateState('parent()', input)
  if (privateState !== undefined) {
    return { type: 'setup-failed', phase: 'result', error: { name: 'DataCloneError', message: privateState } }
  }
  let encoded: string | undefined
  try {
    // A Proxy (node-config's objects, process.env under the probe) reaches children as its copy.
    encoded = input === undefined ? undefined : encodeInput(copyProxies(input))
  } catch (error) {
    const message = describeUncloneable('parent()', input, error)
    return { type: 'setup-failed', phase: 'result', error: { name: 'DataCloneError', message } }
  }
  loaded = { spec, context, input }
  return {
    type: 'setup-done',
    input: encoded,
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

/**
 * Keeps the process alive while it answers a request (the channel reads only between requests):
 * a parent() awaiting a promise that nothing will settle must time out, not end the process.
 */
function holdWhile<T>(work: Promise<T>): Promise<T> {
  const timer = setInterval(() => {}, 2 ** 30)
  return work.finally(() => clearInterval(timer))
}

async function answer(message: Message): Promise<void> {
  await useTypeScript(message.tsCacheDir as string | undefined)
  if (message.type === 'collect') {
    const { collectFile } = await import('./collect-file.js')
    const selfImports = message.selfImports as Record<string, SelfImport>
    for (const file of message.files as string[])
      channel.send({
        type: 'collected',
        result: await collectFile(file, message.loader as string | undefined, harnessDir, selfImports[file]),
      })
    channel.send({ type: 'collect-done' })
  } else if (message.type === 'load-config') {
    const { importConfigFile } = await import('../config/import-config.js')
    channel.send(await importConfigFile(message.file as string, message.root as string, harnessDir))
  } else if (message.type === 'setup') {
    channel.send((await setup(message)) as never)
  } else {
    channel.send(await run(message as unknown as RunRequest))
  }
}

async function main(): Promise<void> {
  for (;;) {
    const message = await channel.nextAny()
    if (message.type === 'exit') break
    await holdWhile(answer(message))
  }
  process.exit(0)
}

main().catch((error: unknown) => {
  process.stderr.write(
    `forkcheck: internal error in the parent bootstrap (a bug in forkcheck):\n${String(error)}\n`,
  )
  process.exit(70)
})
