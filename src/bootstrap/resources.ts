/** The types of resources keeping the event loop alive, e.g. `['TCPServerWrap', 'Timeout']`. */
export function activeResources(): string[] {
  return process.getActiveResourcesInfo()
}

/** What `after` holds beyond `before`, as a sorted multiset difference. */
export function addedResources(before: string[], after: string[]): string[] {
  const remaining = new Map<string, number>()
  for (const type of before) remaining.set(type, (remaining.get(type) ?? 0) + 1)
  const added: string[] = []
  for (const type of after) {
    const left = remaining.get(type) ?? 0
    if (left > 0) remaining.set(type, left - 1)
    else added.push(type)
  }
  return added.sort()
}
