import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import {
  captureCallSites,
  isHarnessFile,
  isNodeFile,
  locateUserSite,
  relativize,
  siteFile,
} from '../../src/stack/call-sites.js'

const here = fileURLToPath(import.meta.url)

function namedCaller(): NodeJS.CallSite[] {
  return captureCallSites(5)
}

describe('captureCallSites', () => {
  const original = Error.prepareStackTrace
  afterEach(() => {
    Error.prepareStackTrace = original
  })

  it('returns structured sites, starting at the caller', () => {
    const [first] = namedCaller()
    expect(first?.getFunctionName()).toBe('namedCaller')
    expect(first && siteFile(first)).toBe(here)
  })

  it('skips the frames of `above` and restores a user prepareStackTrace and limit', () => {
    const mine = () => 'formatted by the user'
    Error.prepareStackTrace = mine
    const limit = Error.stackTraceLimit
    const sites = ((): NodeJS.CallSite[] => captureCallSites(3, namedCaller))()
    expect(sites.every((site) => site.getFunctionName() !== 'namedCaller')).toBe(true)
    expect(Error.prepareStackTrace).toBe(mine)
    expect(Error.stackTraceLimit).toBe(limit)
  })
})

describe('locating user code', () => {
  it('tells Node, forkcheck and user files apart', () => {
    expect(isNodeFile('node:internal/modules/run_main')).toBe(true)
    expect(isNodeFile('internal/process/task_queues')).toBe(true)
    expect(isNodeFile('/app/src/config.ts')).toBe(false)
    expect(isHarnessFile('/app/node_modules/forkcheck/dist/index.js', undefined)).toBe(true)
    expect(isHarnessFile('/opt/forkcheck/dist/bundle-child/child.js', '/opt/forkcheck/dist')).toBe(true)
    expect(isHarnessFile('/opt/forkcheck-app/src/x.ts', '/opt/forkcheck/dist')).toBe(false)
  })

  it('names paths inside the root relatively, others as they are', () => {
    expect(relativize('/app/src/config.ts', '/app')).toBe('src/config.ts')
    expect(relativize('/elsewhere/x.js', '/app')).toBe('/elsewhere/x.js')
  })

  it('finds the first site outside forkcheck, with its line', () => {
    const sites = captureCallSites(10)
    const root = fileURLToPath(new URL('../..', import.meta.url))
    const line = sites[0]?.getLineNumber()
    expect(locateUserSite(sites, root, '/nowhere')).toEqual({ at: `test/stack/call-sites.test.ts:${line}` })
    // The same sites, with this test's folder taken for forkcheck's own: the next user frame is not here.
    expect(locateUserSite(sites, root, fileURLToPath(new URL('.', import.meta.url)))?.at).not.toMatch(
      /^test\/stack\//,
    )
  })

  it('adds the project line that called into a dependency, and none when there is no such line', () => {
    const site = (file: string, line: number) =>
      ({ getFileName: () => file, getLineNumber: () => line, getColumnNumber: () => 1 }) as NodeJS.CallSite
    const harness = '/app/node_modules/forkcheck/dist'
    const dotenv = site('/app/node_modules/dotenv/lib/main.js', 9)
    const wrapper = site('/app/node_modules/@acme/env/index.js', 3)
    const parent = site('file:///app/scenarios/app.scenario.js', 6)
    expect(locateUserSite([site('node:fs', 1), dotenv, wrapper, parent], '/app', harness)).toEqual({
      at: 'node_modules/dotenv/lib/main.js:9',
      via: 'scenarios/app.scenario.js:6',
    })
    expect(
      locateUserSite([dotenv, site('/app/node_modules/forkcheck/dist/index.js', 2)], '/app', harness),
    ).toEqual({
      at: 'node_modules/dotenv/lib/main.js:9',
    })
    expect(locateUserSite([parent, dotenv], '/app', harness)).toEqual({ at: 'scenarios/app.scenario.js:6' })
    expect(locateUserSite([site('node:internal/main', 1)], '/app', harness)).toBeUndefined()
  })
})
