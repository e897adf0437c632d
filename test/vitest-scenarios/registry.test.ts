import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import { defineScenario } from '../../src/define.js'
import {
  definitionExportName,
  findDefinition,
  findDefinitionsIn,
  findInlineScenario,
  findInlineScenarios,
  inlineExportName,
  recordDefinition,
  registerInlineScenario,
  setDefinitionScope,
} from '../../src/scenario/registry.js'

const THIS_FILE = fileURLToPath(import.meta.url)

afterEach(() => {
  setDefinitionScope(() => undefined)
})

describe('inline scenarios', () => {
  it('are named by their full test name, the second of a name with #2', () => {
    expect(inlineExportName('group > reads env', 1)).toBe('@group > reads env')
    expect(inlineExportName('group > reads env', 2)).toBe('@group > reads env#2')
  })

  it('are found again by file and export name', () => {
    const spec = { child: () => 1 }
    registerInlineScenario('/p/inline-a.test.ts', '@one', spec)
    expect(findInlineScenario('/p/inline-a.test.ts', '@one')).toBe(spec)
    expect(findInlineScenarios('/p/inline-a.test.ts')).toEqual([{ exportName: '@one', spec }])
    expect(findInlineScenarios('/p/inline-b.test.ts')).toEqual([])
  })
})

describe('definitions', () => {
  it('defineScenario records the calling file', () => {
    const spec = defineScenario({ child: () => 1 })
    expect(findDefinition(spec)).toMatchObject({ file: THIS_FILE, insideTest: false })
  })

  it('defineScenario leaves Error.prepareStackTrace and stackTraceLimit as they were', () => {
    const custom = () => 'custom'
    const { prepareStackTrace, stackTraceLimit } = Error
    Error.prepareStackTrace = custom
    try {
      defineScenario({ child: () => 1 })
      expect(Error.prepareStackTrace).toBe(custom)
      expect(Error.stackTraceLimit).toBe(stackTraceLimit)
    } finally {
      Error.prepareStackTrace = prepareStackTrace
    }
  })

  it('are numbered per file within a scope, from 0 again in a new scope', () => {
    const first = {}
    const second = {}
    setDefinitionScope(() => ({ scope: first, insideTest: false }))
    const [a, b, c] = [{}, {}, {}]
    recordDefinition(a, '/p/a.ts')
    recordDefinition(b, '/p/b.ts')
    recordDefinition(c, '/p/a.ts')
    setDefinitionScope(() => ({ scope: second, insideTest: true }))
    const again = {}
    recordDefinition(again, '/p/a.ts')
    expect([a, b, c, again].map((spec) => findDefinition(spec)?.index)).toEqual([0, 0, 1, 0])
    expect(findDefinitionsIn(first, '/p/a.ts')).toEqual([a, c])
    expect(findDefinition(again)?.insideTest).toBe(true)
    expect(definitionExportName(1)).toBe('@defineScenario:1')
  })

  it('keep the first record of a spec defined twice, and know nothing of other values', () => {
    const spec = {}
    recordDefinition(spec, '/p/twice.ts')
    recordDefinition(spec, '/p/other.ts')
    expect(findDefinition(spec)?.file).toBe('/p/twice.ts')
    expect(findDefinition({ child: () => 1 })).toBeUndefined()
    expect(findDefinition('scenarios/x.scenario.ts#default')).toBeUndefined()
  })
})
