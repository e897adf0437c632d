/** The outcome of a search for the smallest set of items that reproduces a behaviour. */
export interface BisectResult<T> {
  /** A set that reproduced (minimal unless `bounded`), or undefined when even the whole set did not. */
  found: T[] | undefined
  /** Trials run. */
  runs: number
  /** True when the budget ran out before the set was minimal. */
  bounded: boolean
}

type Trial<T> = (items: T[]) => Promise<boolean>

function split<T>(items: T[], parts: number): T[][] {
  const chunks: T[][] = []
  const size = Math.ceil(items.length / parts)
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size))
  return chunks
}

/**
 * Delta debugging over the complement: drop chunks of a reproducing set while it still reproduces,
 * halving chunk size when nothing can be dropped. Items that only act together stay together.
 * Tries `preferred` alone first (the items probes saw touched), so one touched cause costs one run.
 */
export async function bisect<T>(
  preferred: T[],
  all: T[],
  trial: Trial<T>,
  budget: number,
): Promise<BisectResult<T>> {
  let runs = 0
  const test = async (items: T[]) => {
    runs++
    return trial(items)
  }
  let start: T[] | undefined
  if (preferred.length > 0 && (await test(preferred))) start = preferred
  else if (preferred.length < all.length && (await test(all))) start = all
  if (start === undefined) return { found: undefined, runs, bounded: false }
  let current: T[] = start
  let parts = 2
  while (current.length >= 2) {
    if (runs >= budget) return { found: current, runs, bounded: true }
    let dropped = false
    for (const chunk of split(current, Math.min(parts, current.length))) {
      if (runs >= budget) return { found: current, runs, bounded: true }
      const rest: T[] = current.filter((item) => !chunk.includes(item))
      if (rest.length > 0 && (await test(rest))) {
        current = rest
        parts = Math.max(parts - 1, 2)
        dropped = true
        break
      }
    }
    if (dropped) continue
    if (parts >= current.length) break
    parts = Math.min(current.length, parts * 2)
  }
  return { found: current, runs, bounded: false }
}
