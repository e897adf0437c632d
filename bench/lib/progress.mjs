// Progress lines on stderr, so that stdout carries only the results.

/** Returns step(label): prints `[n/total +elapsed] label`. */
export function makeProgress(total) {
  const started = performance.now()
  let done = 0
  return (label) => {
    done++
    process.stderr.write(
      `[${String(done).padStart(String(total).length)}/${total} +${elapsed(started)}] ${label}\n`,
    )
  }
}

export function elapsed(started) {
  const seconds = Math.round((performance.now() - started) / 1000)
  return `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, '0')}s`
}
