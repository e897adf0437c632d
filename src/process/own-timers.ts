// Timers and clocks as they were when forkcheck's code loaded, before any user code: a scenario
// may install fake timers (@sinonjs/fake-timers, vi.useFakeTimers) in parent() or child() and
// never take them out, and forkcheck's own waits must still end. Fake-timer libraries patch the
// `node:timers` module too, so these are taken from the globals once, at load.
export const { setTimeout, clearTimeout, setInterval, clearInterval, setImmediate } = globalThis

const hrtimeBigint = process.hrtime.bigint
const dateNow = Date.now

/** `process.hrtime.bigint()` as it was. */
export function hrtimeNow(): bigint {
  return hrtimeBigint()
}

/** `Date.now()` as it was. */
export function now(): number {
  return dateNow()
}
