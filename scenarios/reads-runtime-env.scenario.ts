import { defineScenario } from 'forkcheck'
import { loadConfig } from './fixtures/config.js'

// The parent sets DATABASE_URL at run time; a cluster worker inherits it, a clean spawn does not.
export default defineScenario({
  name: 'config read from env that the parent set at run time',
  expect: 'differs',
  parent() {
    process.env.DATABASE_URL = 'postgres://localhost/app'
  },
  child() {
    return loadConfig()
  },
})
