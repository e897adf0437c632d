import { defineScenario } from 'forkcheck'

// Code that reports to "its parent" when process.send exists silently does nothing under a spawn.
export default defineScenario({
  name: 'process.send exists only with an IPC channel',
  expect: 'differs',
  child() {
    return { canSend: typeof process.send === 'function', connected: process.connected ?? false }
  },
})
