import { defineScenario } from 'forkcheck'

// The parent starts with --require; cluster workers inherit the parent's execArgv.
export default defineScenario({
  name: 'a global defined by an execArgv --require preload',
  expect: 'differs',
  execArgv: ['--require', './scenarios/fixtures/preload-global.cjs'],
  child() {
    const registry = (globalThis as { __appRegistry?: { plugins: string[] } }).__appRegistry
    return { plugins: registry?.plugins ?? [] }
  },
})
