import { describe, expect, it } from 'vitest'
import { DEFAULT_SEVERITY, normalizeOptions } from '../../src/vitest/environment/options.js'

describe('normalizeOptions', () => {
  it('applies the defaults: error for env, cwd and children, warn for the rest', () => {
    for (const input of [undefined, null, {}, { forkcheck: {} }, { other: 1 }]) {
      expect(normalizeOptions(input).severity).toEqual(DEFAULT_SEVERITY)
    }
    expect(DEFAULT_SEVERITY).toEqual({
      env: 'error',
      cwd: 'error',
      execArgv: 'warn',
      globals: 'warn',
      listeners: 'warn',
      handles: 'warn',
      children: 'error',
    })
  })

  it('takes a severity per category', () => {
    const { severity } = normalizeOptions({ forkcheck: { env: 'off', handles: 'error', globals: 'warn' } })
    expect(severity).toMatchObject({ env: 'off', handles: 'error', globals: 'warn', cwd: 'error' })
  })

  it.each([
    [
      { env: 'nope' },
      "Expected `environmentOptions.forkcheck.env` to be 'error', 'warn' or 'off', got `\"nope\"` (string)",
    ],
    [
      { handles: true },
      "Expected `environmentOptions.forkcheck.handles` to be 'error', 'warn' or 'off', got `true` (boolean)",
    ],
    [
      { allowEnv: 'FOO' },
      'Expected `environmentOptions.forkcheck.allowEnv` to be an array of non-empty strings, got `"FOO"` (string)',
    ],
    [
      { allowGlobals: ['ok', 3] },
      'Expected `environmentOptions.forkcheck.allowGlobals` to be an array of non-empty strings, got `["ok",3]` (array)',
    ],
    [
      { enviroment: 'off' },
      'Unknown option `environmentOptions.forkcheck.enviroment`: expected one of env, cwd, execArgv, globals, ' +
        'listeners, handles, children, allowEnv, allowGlobals',
    ],
  ])('rejects %j with a clear message', (forkcheck, message) => {
    expect(() => normalizeOptions({ forkcheck })).toThrow(message)
  })

  it('rejects a forkcheck entry that is not an object, with a named error', () => {
    expect(() => normalizeOptions({ forkcheck: 'error' })).toThrow(
      expect.objectContaining({
        name: 'ForkcheckOptionsError',
        code: 'FORKCHECK_ENVIRONMENT_OPTIONS',
        message: 'Expected `environmentOptions.forkcheck` to be an object, got `"error"` (string)',
      }),
    )
  })

  it('compiles the allow-lists', () => {
    const options = normalizeOptions({ forkcheck: { allowEnv: ['DEBUG', 'MY_*'], allowGlobals: ['__app?'] } })
    expect(options.isAllowedEnv('DEBUG')).toBe(true)
    expect(options.isAllowedEnv('MY_TOKEN')).toBe(true)
    expect(options.isAllowedEnv('NOT_MY_TOKEN')).toBe(false)
    expect(options.isAllowedGlobal('__app1')).toBe(true)
    expect(options.isAllowedGlobal('__app12')).toBe(false)
  })
})
