import { join } from 'node:path'
import { defineScenario } from 'forkcheck'
import { getSettings, loadEnvFile, readEnvFile } from './fixtures/classic-settings.js'

// Python: a file the parent opened before forking is there in a forked child, and None under spawn.
// Node workers share no memory, but they inherit process.env: settings the primary loaded from a
// .env file at run time reach every cluster worker, so a settings module that reads and caches
// process.env works there, and throws in a clean spawn (in Docker, under another process manager,
// in a test pool). Fixed: parent() reads the file and returns the settings; every child gets them
// as ctx.input and hands them to the settings module explicitly.

const envFile = (root: string) => join(root, 'scenarios', 'fixtures', 'classic-app.env')

export const bug = defineScenario({
  name: 'settings cached from the .env file the primary loaded',
  expect: 'differs',
  parent({ root }) {
    loadEnvFile(envFile(root))
  },
  child: () => getSettings(),
})

export const fixed = defineScenario({
  name: 'settings handed to the child explicitly',
  parent: ({ root }) => readEnvFile(envFile(root)),
  child: ({ input }) => getSettings(input),
})
