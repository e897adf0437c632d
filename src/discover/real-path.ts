import { realpathSync } from 'node:fs'

/** `path` with its symlinks resolved, or `fallback` when it does not exist or cannot be read. */
export function realPathOr<T>(path: string, fallback: T): string | T {
  try {
    return realpathSync(path)
  } catch {
    return fallback
  }
}
