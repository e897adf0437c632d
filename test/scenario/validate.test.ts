import { describe, expect, it } from 'vitest'
import { validateScenario } from '../../src/scenario/validate.js'

const child = () => 1

describe('validateScenario', () => {
  it('applies defaults', () => {
    expect(validateScenario({ child }, 'file')).toEqual({
      name: 'file',
      execArgv: [],
      env: {},
      childExecArgv: [],
      workers: 1,
      timeout: 10_000,
      expect: 'same',
      repeat: undefined,
      only: false,
      skip: false,
      hasParent: false,
      hasParentWhileChildren: false,
      hasNormalize: false,
    })
  })

  it.each([
    [{ child, workers: 0 }, 'Expected the `workers` option to be an integer from 1 to 64, got `0` (number).'],
    [
      { child, timeout: -1 },
      'Expected the `timeout` option to be an integer from 1 to 3600000, got `-1` (number).',
    ],
    [
      { child, expect: 'different' },
      "Expected the `expect` option to be 'same' or 'differs', got `\"different\"` (string).",
    ],
    [{ child, env: { A: 1 } }, 'Expected the `env.A` option to be a string, got `1` (number).'],
    [
      { child, execArgv: '--require x' },
      'Expected the `execArgv` option to be an array of strings, got `"--require x"` (string).',
    ],
    [{ child: 'nope' }, 'Expected the `child` option to be a function, got `"nope"` (string).'],
    [{}, 'Expected the `child` option to be a function, got `undefined` (undefined).'],
    [{ child, workrs: 2 }, 'Unknown option `workrs`'],
    [
      { child, second: { child } },
      "It holds a scenario, set on this scenario's options (as `module.exports.second = …` after `module.exports = defineScenario(…)` does): export each by name, e.g. `module.exports = { default: first, second }`.",
    ],
    [null, 'Expected a scenario object'],
  ])('rejects %j with a clear message', (spec, message) => {
    expect(() => validateScenario(spec, 'file')).toThrow(message)
  })
})
