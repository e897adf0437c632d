import { killAllParents } from '../engine/parent-host.js'

/** Ctrl-C or SIGTERM: stop starting work, end every process we started, report what finished. */
export function handleInterrupts(controller: AbortController): {
  exitCode: () => number | undefined
  dispose: () => void
} {
  let received: NodeJS.Signals | undefined
  const onSignal = (signal: NodeJS.Signals) => {
    // A second Ctrl-C means now: the report is written atomically, so nothing is left half-done.
    if (received) {
      killAllParents('SIGKILL')
      process.exit(signal === 'SIGINT' ? 130 : 143)
    }
    received = signal
    controller.abort()
    killAllParents('SIGKILL')
  }
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)
  return {
    exitCode: () => (received === 'SIGINT' ? 130 : received === 'SIGTERM' ? 143 : undefined),
    dispose: () => {
      process.off('SIGINT', onSignal)
      process.off('SIGTERM', onSignal)
    },
  }
}
