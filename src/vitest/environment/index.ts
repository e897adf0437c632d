export { forkcheckEnvironment as default } from './environment.js'
export type { ForkcheckEnvironmentOptions, LeakCategory, Severity } from './options.js'
export type { Leak } from './report.js'
