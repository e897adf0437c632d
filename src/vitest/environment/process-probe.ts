import { syncBuiltinESMExports } from 'node:module'
import { captureStack, type Origin } from './stack.js'

const STACK_LIMIT = 32

/** Records where the working directory and `process.execArgv` were last changed. */
export interface ProcessProbe {
  cwdOrigin(): Origin
  execArgvOrigin(): Origin
  /** Forgets recorded changes (a new test file starts). */
  reset(): void
  /** Puts cwd and execArgv back to a snapshot without recording. */
  restore(baseline: { cwd: string; execArgv: readonly string[] }): void
  uninstall(): void
}

/**
 * Wraps `process.chdir` and turns `process.execArgv` into an accessor over a recording Proxy, so
 * both `process.execArgv = [...]` and `process.execArgv.push(...)` are attributed.
 */
export function installProcessProbe(): ProcessProbe {
  let cwdAt: Origin
  let execArgvAt: Origin
  const originalChdir = process.chdir
  const chdir = function chdir(this: unknown, directory: string): void {
    originalChdir.call(process, directory)
    cwdAt = captureStack(STACK_LIMIT)
  }
  process.chdir = chdir

  const descriptor = Object.getOwnPropertyDescriptor(process, 'execArgv')
  let array: string[] = process.execArgv
  const track = (values: string[]): string[] =>
    new Proxy(values, {
      set(real, key, value) {
        execArgvAt = captureStack(STACK_LIMIT)
        return Reflect.set(real, key, value)
      },
      deleteProperty(real, key) {
        execArgvAt = captureStack(STACK_LIMIT)
        return Reflect.deleteProperty(real, key)
      },
    })
  let tracked = track(array)
  Object.defineProperty(process, 'execArgv', {
    configurable: true,
    enumerable: true,
    get: () => tracked,
    set(values: string[]) {
      execArgvAt = captureStack(STACK_LIMIT)
      array = values
      tracked = Array.isArray(values) ? track(values) : values
    },
  })
  // `import { chdir, execArgv } from 'node:process'` bind at import time.
  syncBuiltinESMExports()

  return {
    cwdOrigin: () => cwdAt,
    execArgvOrigin: () => execArgvAt,
    reset() {
      cwdAt = undefined
      execArgvAt = undefined
    },
    restore(baseline) {
      if (process.cwd() !== baseline.cwd) {
        try {
          originalChdir.call(process, baseline.cwd)
        } catch {
          // The directory is gone: the leak is still reported, there is nothing to go back to.
        }
      }
      array = [...baseline.execArgv]
      tracked = track(array)
    },
    uninstall() {
      if (process.chdir === chdir) process.chdir = originalChdir
      if (descriptor !== undefined)
        Object.defineProperty(process, 'execArgv', { ...descriptor, value: array })
      syncBuiltinESMExports()
    },
  }
}
