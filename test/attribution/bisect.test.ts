import { describe, expect, it } from 'vitest'
import { bisect } from '../../src/attribution/bisect.js'

/** A trial that reproduces when every item of `causes` is present. */
function needs(causes: string[]) {
  const seen: string[][] = []
  const trial = async (items: string[]) => {
    seen.push(items)
    return causes.every((cause) => items.includes(cause))
  }
  return { trial, seen }
}

const many = (count: number) => Array.from({ length: count }, (_, index) => `item${index}`)

describe('bisect', () => {
  it('confirms a single touched cause with one run', async () => {
    const { trial } = needs(['DATABASE_URL'])
    const result = await bisect(['DATABASE_URL'], ['PATH_X', 'DATABASE_URL', 'OTHER'], trial, 40)
    expect(result).toEqual({ found: ['DATABASE_URL'], runs: 1, bounded: false })
  })

  it('falls back to the whole delta when the touched items do not reproduce', async () => {
    const all = many(16)
    const { trial } = needs(['item11'])
    const result = await bisect(['item2'], all, trial, 100)
    expect(result.found).toEqual(['item11'])
    expect(result.bounded).toBe(false)
  })

  it('keeps causes that only act together', async () => {
    const all = many(20)
    const { trial } = needs(['item3', 'item17'])
    const result = await bisect([], all, trial, 100)
    expect(result.found?.sort()).toEqual(['item17', 'item3'])
  })

  it('stays within 1 + 2·k·⌈log2(k+1)⌉ runs', async () => {
    for (const count of [1, 2, 5, 10, 33, 64]) {
      const all = many(count)
      const { trial } = needs([all[count - 1]!])
      const result = await bisect(all, all, trial, 10_000)
      expect(result.runs).toBeLessThanOrEqual(1 + 2 * count * Math.ceil(Math.log2(count + 1)))
    }
  })

  it('reports when nothing reproduces', async () => {
    const { trial } = needs(['missing'])
    expect(await bisect(['a'], ['a', 'b'], trial, 40)).toEqual({ found: undefined, runs: 2, bounded: false })
  })

  it('stops at the budget and says so, with a set that still reproduces', async () => {
    const all = many(50)
    const { trial } = needs(['item7'])
    const result = await bisect([], all, trial, 3)
    expect(result.bounded).toBe(true)
    expect(result.runs).toBe(3)
    expect(result.found).toContain('item7')
  })
})
