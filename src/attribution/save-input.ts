import { join } from 'node:path'
import { findCacheDir } from '../engine/cache-dir.js'
import { writeFileAtomic } from '../report/atomic-write.js'
import { hash64 } from '../ts/format.js'

/**
 * Saves parent()'s encoded result (src/bootstrap/input.ts) where a reproducer command reads it:
 * a clean spawn gets that input too, so the reproducer must. Never printed (it may hold secrets a
 * parent read); false when it cannot be written.
 */
export async function saveInput(encoded: string, root: string): Promise<string | false> {
  const file = join(findCacheDir(root, 'inputs'), `${hash64(encoded)}.input`)
  try {
    await writeFileAtomic(file, encoded)
    return file
  } catch {
    return false
  }
}
