#!/usr/bin/env node
import { isClosedOutput } from '../reporters/types.js'
import { main } from './main.js'

// `forkcheck | head`: once the reader leaves, stdout errors with EPIPE, which unheard would end
// the run with a stack trace. The run goes on, writing nothing more there.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (!isClosedOutput(error)) throw error
  })
}
process.exitCode = await main()
