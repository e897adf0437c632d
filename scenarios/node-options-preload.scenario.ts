import { fileURLToPath } from 'node:url'
import { defineScenario } from 'forkcheck'

const preload = fileURLToPath(new URL('./fixtures/preload-global.cjs', import.meta.url))

// NODE_OPTIONS set at run time makes every fork-like child run the preload before its own code.
export default defineScenario({
  name: 'a global defined by a NODE_OPTIONS preload',
  expect: 'differs',
  parent() {
    process.env.NODE_OPTIONS = `--require ${JSON.stringify(preload)}`
  },
  child() {
    const registry = (globalThis as { __appRegistry?: { plugins: string[] } }).__appRegistry
    return { plugins: registry?.plugins ?? [] }
  },
})
