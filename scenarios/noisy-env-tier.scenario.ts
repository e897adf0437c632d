import { defineScenario } from 'forkcheck'
import { handleRequest } from './fixtures/noisy-request.js'

// Noise everywhere (a uuid, a random token and delay, timestamps) and one stable field, the tier,
// that comes from an env var the parent set at run time: it must still surface, with its cause.
export default defineScenario({
  name: 'a random request id and an env-dependent tier',
  expect: 'differs',
  parent() {
    process.env.APP_TIER = 'gold'
  },
  child() {
    return handleRequest('/upload')
  },
})
