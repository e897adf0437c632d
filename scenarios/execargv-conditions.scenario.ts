import { defineScenario } from 'forkcheck'

// --conditions acts inside the resolver: the same import resolves to another file in the workers.
export default defineScenario({
  name: 'an import resolved under the parent’s --conditions',
  expect: 'differs',
  execArgv: ['--conditions=development'],
  async child() {
    const { mode } = (await import('#fixtures/mode')) as { mode: string }
    return { mode }
  },
})
