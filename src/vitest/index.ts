// forkcheck/vitest: scenarios as vitest tests. It stays light: the engine loads when a test runs.
// Test files import it in forkcheck's child processes too, where it only registers specs.

import { TestRunner } from 'vitest'
import { installMatcher } from './matcher.js'
import { useCollectionScope } from './scope.js'

export type { CheckOptions } from './check.js'
export { ScenarioAssertionError } from './failure.js'
export type { MatcherOptions } from './matcher.js'
export type { ScenarioAPI, ScenarioTestOptions, SpecOrMaker } from './scenario.js'
export { scenario } from './scenario.js'
export type { ScenarioFilesOptions } from './scenario-files.js'
export { scenarioFiles } from './scenario-files.js'

useCollectionScope(TestRunner)
installMatcher()
