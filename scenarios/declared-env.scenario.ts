import { defineScenario } from 'forkcheck'
import { loadConfig } from './fixtures/config.js'

// Declared env reaches both modes the same way: explicit inputs are not leaks.
export default defineScenario({
  name: 'declared env is given to both modes',
  env: { LOG_LEVEL: 'debug' },
  child() {
    return loadConfig().logLevel
  },
})
