import { defineScenario } from 'forkcheck'

export default defineScenario({
  name: 'pure code behaves the same',
  child() {
    return { sum: [1, 2, 3].reduce((a, b) => a + b, 0), pid: process.pid, now: Date.now() }
  },
})
