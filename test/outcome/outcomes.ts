import type { VolatileHints } from '../../src/outcome/contract.js'
import { normalizeRun } from '../../src/outcome/normalize.js'
import type { ChildOutcome, PlainValue } from '../../src/types.js'

/** 2024-06-01 10:00:00 UTC: the run of these tests started then and took a minute. */
export const NOW = Date.UTC(2024, 5, 1, 10, 0, 0)
/** `process.hrtime.bigint()` at NOW: about 41 minutes after boot. */
export const HR_NOW = 2_460_000_000_000n

export const hints: VolatileHints = {
  pids: [41001, 41002, 40999, 7],
  ports: [53211, 53212],
  root: '/home/dev/app',
  tmpDirs: ['/tmp'],
  timeWindow: [NOW - 5_000, NOW + 60_000],
  runWindow: [NOW, NOW + 20_000],
  hrtimeWindow: [HR_NOW - 1_000_000_000n, HR_NOW + 30_000_000_000n],
}

export function outcome(fields: Partial<ChildOutcome> = {}): ChildOutcome {
  return {
    worker: 0,
    status: 'returned',
    exitCode: 0,
    signal: null,
    timedOut: false,
    stdout: '',
    stderr: '',
    openHandles: [],
    ...fields,
  }
}

export function values(
  outcomes: ChildOutcome[],
  runHints: VolatileHints = hints,
): (PlainValue | undefined)[] {
  return normalizeRun(outcomes, runHints).map((normalized) => normalized.value)
}

/** One worker's returned value, normalized. */
export function value(input: PlainValue, runHints: VolatileHints = hints): PlainValue | undefined {
  return values([outcome({ value: input })], runHints)[0]
}

/** One worker's stdout, normalized. */
export function text(input: string, runHints: VolatileHints = hints): string {
  return normalizeRun([outcome({ stdout: input })], runHints)[0]!.stdout
}
