/** Edit distance between two words (insertions, deletions, substitutions). */
function measureDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution)
    }
    previous = current
  }
  return previous[b.length]!
}

/** The known word closest to a mistyped one, if it is close enough to be what was meant. */
export function suggestName(word: string, known: readonly string[]): string | undefined {
  const lower = word.toLowerCase()
  let best: { name: string; distance: number } | undefined
  for (const name of known) {
    const distance = measureDistance(lower, name.toLowerCase())
    if (best === undefined || distance < best.distance) best = { name, distance }
  }
  const limit = Math.max(2, Math.floor(word.length / 3))
  return best !== undefined && best.distance <= limit ? best.name : undefined
}
