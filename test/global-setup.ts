import { existsSync, mkdirSync, rmSync, symlinkSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

// Fixture projects import 'forkcheck' like users do: link this checkout in as their dependency.
export function setup(): void {
  const fixtures = join(dirname(fileURLToPath(import.meta.url)), 'fixtures')
  const link = join(fixtures, 'node_modules', 'forkcheck')
  if (existsSync(join(link, 'package.json'))) return
  rmSync(link, { force: true, recursive: true })
  mkdirSync(dirname(link), { recursive: true })
  symlinkSync(join('..', '..', '..'), link, 'dir')
}
