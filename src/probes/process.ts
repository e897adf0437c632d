import fs from 'node:fs'
import { isAbsolute } from 'node:path'
import type { Recorder } from './recorder.js'
import { watchProperty, wrapMethod } from './wrap.js'

const IPC_PROPERTIES = ['send', 'connected', 'channel', 'disconnect']
const IPC_EVENTS = new Set(['message', 'disconnect'])
const LISTENER_METHODS = ['on', 'once', 'addListener', 'prependListener', 'prependOnceListener'] as const

/** Records use of the IPC channel: its properties where they exist, and its events. */
export function probeIpc(recorder: Recorder): void {
  for (const key of IPC_PROPERTIES) watchProperty(process, key, () => recorder.record('ipc'))
  for (const method of LISTENER_METHODS) {
    wrapMethod(process, method, ([event]) => {
      if (typeof event === 'string' && IPC_EVENTS.has(event)) recorder.record('ipc')
    })
  }
}

/** Records reads of process.execArgv (libraries check it for flags). */
export function probeExecArgv(recorder: Recorder): void {
  watchProperty(process, 'execArgv', () => recorder.record('execArgv'))
}

const FS_PATH_FUNCTIONS = [
  'readFileSync',
  'readFile',
  'writeFileSync',
  'writeFile',
  'appendFileSync',
  'appendFile',
  'existsSync',
  'statSync',
  'stat',
  'lstatSync',
  'lstat',
  'openSync',
  'open',
  'readdirSync',
  'readdir',
  'accessSync',
  'access',
  'mkdirSync',
  'mkdir',
  'realpathSync',
  'createReadStream',
  'createWriteStream',
  'rmSync',
  'unlinkSync',
] as const

const FS_PROMISE_FUNCTIONS = [
  'readFile',
  'writeFile',
  'appendFile',
  'stat',
  'lstat',
  'open',
  'readdir',
  'access',
  'mkdir',
] as const

function isRelativePath(value: unknown): boolean {
  return typeof value === 'string' && value !== '' && !isAbsolute(value)
}

/** Records use of the working directory: process.cwd() and relative paths given to fs. */
export function probeCwd(recorder: Recorder): void {
  wrapMethod(process, 'cwd', () => recorder.record('cwd'))
  const onPath = ([path]: unknown[]) => {
    if (isRelativePath(path)) recorder.record('cwd')
  }
  for (const name of FS_PATH_FUNCTIONS) wrapMethod(fs, name, onPath)
  for (const name of FS_PROMISE_FUNCTIONS) wrapMethod(fs.promises, name, onPath)
}

/** Records reads of globals that only the fork-like child has (found by an earlier run). */
export function probeGlobals(recorder: Recorder, names: string[]): void {
  for (const name of names) watchProperty(globalThis, name, () => recorder.record('global', name))
}
