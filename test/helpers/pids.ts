import { mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { isRunning } from '../../src/process/tree.js'

/** A fresh folder where fixture processes write their pids (see test/fixtures/faults/lib/pids.js). */
export function makePidDir(): string {
  return mkdtempSync(join(tmpdir(), 'forkcheck-pids-'))
}

/** The pids written so far, by label (`slow-child`, `slow-grandchild`, …). */
export function readPids(dir: string): Array<{ label: string; pid: number }> {
  return readdirSync(dir).map((name) => ({
    label: name.replace(/-\d+$/, ''),
    pid: Number(readFileSync(join(dir, name), 'utf8')),
  }))
}

export function countLabel(dir: string, label: string): number {
  return readPids(dir).filter((entry) => entry.label === label).length
}

/** Polls until `ready()` holds; throws after `ms`. */
export async function waitUntil(ready: () => boolean, ms: number, what: string): Promise<void> {
  const until = Date.now() + ms
  while (!ready()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

/** The recorded processes still running after up to `ms` (zombies count as ended). */
export async function findSurvivors(dir: string, ms = 3_000): Promise<string[]> {
  const entries = readPids(dir)
  const alive = () => entries.filter(({ pid }) => isRunning(pid))
  await waitUntil(() => alive().length === 0, ms, 'the recorded processes to end').catch(() => {})
  return alive().map(({ label, pid }) => `${label} ${pid}`)
}
