/** Runs `task` over `items` with at most `concurrency` at once; stops starting new ones on abort. */
export async function runPool<T>(
  items: T[],
  concurrency: number,
  signal: AbortSignal,
  task: (item: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0
  const lane = async (): Promise<void> => {
    while (next < items.length && !signal.aborted) {
      const index = next++
      await task(items[index]!, index)
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, lane))
}
