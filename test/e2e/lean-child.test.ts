import module from 'node:module'
import { join } from 'node:path'
import { execa } from 'execa'
import { beforeAll, describe, expect, it } from 'vitest'
import { fixturePath, runCli } from '../helpers/cli.js'

interface Described {
  builtins: string[]
  sourceMaps: boolean
  holding: string[]
}

const fixture = fixturePath('lean-child')

/** What bare processes of each kind hold, on this Node (a cluster worker loads net for its IPC). */
async function describeBare(): Promise<Record<'fork' | 'spawn', Described>> {
  const { stdout } = await execa(process.execPath, [join(fixture, 'bare.mjs')], { cwd: fixture })
  const bare = JSON.parse(stdout) as Record<'fork' | 'spawn', Described>
  // A bare child describes itself right after its import: the ESM loader still closes that file.
  for (const described of Object.values(bare))
    described.holding = described.holding.filter((type) => type !== 'CloseReq')
  return bare
}

async function describeInForkcheck(mode: 'fork' | 'spawn', file = HOOKLESS): Promise<unknown> {
  const run = await runCli(fixture, ['--mode', mode, file])
  const described = run.report?.scenarios[0]?.outcomes[mode].flat()[0]?.value as Described | undefined
  return described && { ...described, builtins: [...described.builtins].sort() }
}

const HOOKLESS = 'scenarios/what-the-child-holds.scenario.mjs'
const WITH_INPUT = 'scenarios/with-input.scenario.mjs'
const INPUT = { port: 3000, hosts: ['a', 'b'], tls: { enabled: false } }

/**
 * What a bare process of the kind holds, plus what forkcheck needs on this Node: where Node has
 * in-thread module hooks, `module` answers the scenario's import of forkcheck (src/scenario/self-import.ts).
 */
function expectedFrom(bare: Described): Described {
  const builtins = hasRegisterHooks ? [...bare.builtins, 'module'] : bare.builtins
  return { ...bare, builtins: [...builtins].sort() }
}

const hasRegisterHooks =
  typeof (module as unknown as { registerHooks?: unknown }).registerHooks === 'function'

// Every scenario starts two children, so the child bootstrap loads nothing a bare start lacks
// unless the scenario needs it: no socket for its channel, no cluster or perf_hooks for probes.
describe('the child bootstrap', () => {
  let bare: Record<'fork' | 'spawn', Described>
  beforeAll(async () => {
    bare = await describeBare()
  })

  it('leaves a spawn-like child as a bare spawn: no extra builtins, nothing holding it', async () => {
    expect(bare.spawn).toEqual({ builtins: [], sourceMaps: false, holding: [] })
    expect(await describeInForkcheck('spawn')).toEqual(expectedFrom(bare.spawn))
  })

  it('leaves a fork-like child as a bare cluster worker', async () => {
    expect(await describeInForkcheck('fork')).toEqual(expectedFrom(bare.fork))
  })

  // Plain data from parent() travels as JSON: no node:v8 (and, on Node 20, streams) to load.
  it('reads a plain parent() input without loading anything more', async () => {
    for (const mode of ['fork', 'spawn'] as const)
      expect(await describeInForkcheck(mode, WITH_INPUT)).toEqual({
        ...expectedFrom(bare[mode]),
        input: INPUT,
      })
  })
})
