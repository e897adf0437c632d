import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { defineScenario } from 'forkcheck'

// A relative path works only from the folder the parent moved to.
export default defineScenario({
  name: 'a relative path read after the parent changed directory',
  expect: 'differs',
  parent({ root }) {
    process.chdir(join(root, 'scenarios', 'fixtures'))
  },
  child() {
    try {
      return { data: readFileSync('data.txt', 'utf8').trim() }
    } catch (error) {
      return { error: (error as NodeJS.ErrnoException).code }
    }
  },
})
