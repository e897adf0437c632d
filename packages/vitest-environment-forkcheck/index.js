// vitest imports this file by its real path. Inside forkcheck's own tree (this repository, a
// `file:` link, or forkcheck's tarball, which ships this folder) the environment is two folders
// up; installed on its own, it comes from the `forkcheck` package. The specifiers are variables
// so that Vite does not try to resolve the branch that is not taken.
import { existsSync } from 'node:fs'

const bundled = new URL('../../dist/vitest/environment/index.js', import.meta.url)
const specifier = existsSync(bundled) ? bundled.href : 'forkcheck/environment'
const { default: environment } = await import(/* @vite-ignore */ specifier)

export default environment
