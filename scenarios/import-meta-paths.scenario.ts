import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { defineScenario } from 'forkcheck'

// Paths built from import.meta.url do not depend on the cwd a child was given.
export default defineScenario({
  name: 'absolute paths from import.meta.url',
  parent({ root }) {
    process.chdir(`${root}/scenarios`)
  },
  child() {
    const file = fileURLToPath(new URL('./fixtures/data.txt', import.meta.url))
    return { file, data: readFileSync(file, 'utf8').trim() }
  },
})
