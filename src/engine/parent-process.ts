import { type ChildProcess, spawn } from 'node:child_process'
import { EventEmitter } from 'node:events'
import { PassThrough } from 'node:stream'
import { fileURLToPath } from 'node:url'

// Bundled by `npm run build` (see package.json): one module to load per parent process.
const PARENT_BOOTSTRAP = fileURLToPath(new URL('../bundle-parent/parent.js', import.meta.url))

/** How a parent process ended. */
export interface ParentExit {
  exitCode: number | undefined
  signal: string | undefined
}

export interface ParentStart {
  root: string
  env: Record<string, string>
  execArgv: string[]
}

// node:child_process, not execa: importing execa alone costs the harness more than a bare Node start.
export function startParentProcess({ root, env, execArgv }: ParentStart): ChildProcess {
  try {
    // Its own process group: a timeout or an interrupt kills the parent and all it started.
    return spawn(process.execPath, [...execArgv, PARENT_BOOTSTRAP], {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
      detached: true,
    })
  } catch (error) {
    return makeUnstarted(error)
  }
}

/** What stands for a parent whose spawn threw (ENOMEM, say): it ends at once, with nothing said. */
function makeUnstarted(error: unknown): ChildProcess {
  const child = new EventEmitter() as ChildProcess
  const ended = () => new PassThrough().end()
  const channel = new PassThrough()
  channel.destroy()
  Object.assign(child, { stdout: ended(), stderr: ended(), stdio: [null, null, null, channel] })
  process.nextTick(() => {
    child.emit('error', error)
    child.emit('close', null, null)
  })
  return child
}

/** How the process ended, once it has and its stdio has closed; a failure to start counts as an end. */
export function waitForEnd(child: ChildProcess): Promise<ParentExit> {
  return new Promise((resolve) => {
    let started = true
    child.on('error', () => {
      if (child.pid === undefined) started = false
    })
    child.once('close', (code: number | null, signal: NodeJS.Signals | null) => {
      resolve(started ? { exitCode: code ?? undefined, signal: signal ?? undefined } : UNSTARTED)
    })
  })
}

const UNSTARTED: ParentExit = { exitCode: undefined, signal: undefined }
