import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { defineScenario } from 'forkcheck'

// A timestamped, timed log line around a read by a cwd-relative path: only the read depends on
// where the parent moved to, and only it must surface.
export default defineScenario({
  name: 'a timestamped log line and a cwd-relative read',
  expect: 'differs',
  parent({ root }) {
    process.chdir(join(root, 'scenarios', 'fixtures', 'noisy-cwd'))
  },
  child() {
    const started = performance.now()
    console.log(`[${new Date().toISOString()}] loading settings (attempt ${Math.random().toFixed(6)})`)
    let settings: unknown = null
    let error: string | undefined
    try {
      settings = JSON.parse(readFileSync('settings.json', 'utf8'))
    } catch (caught) {
      error = (caught as NodeJS.ErrnoException).code
    }
    console.error(`settings read in ${(performance.now() - started).toFixed(3)}ms`)
    return { settings, error, loadedAt: new Date(), sampleRate: Math.random() }
  },
})
