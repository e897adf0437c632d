import { killAllParents } from '../engine/parent-host.js'

/** Ctrl-C or SIGTERM: stop starting work, end every process we started, report what finished. */
export function handleInterrupts(controller: AbortController): {
  exitCode: () => number | undefined
  dispose: () => void
} {
  let received: NodeJS.Signals | undefined
  const onSignal = (signal: NodeJS.Signals) => {
    if (received) return
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
