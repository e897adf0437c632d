// Runs one benchmark command under /usr/bin/time, in a process group of its own, so that an
// interrupt of the bench ends exactly the processes the bench started and nothing else.
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'

const TIME = '/usr/bin/time'
const MARK = '@@bench '
const STDERR_KEPT = 64 * 1024
const running = new Set()
let interruption

export class Interrupted extends Error {
  name = 'Interrupted'
}

/** Throws when GNU time is missing: every figure of the bench comes from it. */
export function checkTimeTool() {
  if (!existsSync(TIME)) throw new Error(`bench/run.mjs needs GNU time at ${TIME} (apt-get install time)`)
}

/** Passes Ctrl-C or SIGTERM on to the running command's group; a second one kills it. */
export function forwardInterrupts() {
  const onSignal = (signal) => {
    const sent = interruption ? 'SIGKILL' : signal
    interruption ??= signal
    for (const child of running) killGroup(child, sent)
  }
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)
}

/** The exit code an interrupted bench ends with, or undefined. */
export function interruptedExitCode() {
  if (!interruption) return undefined
  return interruption === 'SIGINT' ? 130 : 143
}

function killGroup(child, signal) {
  try {
    process.kill(-child.pid, signal)
  } catch {
    // The group has already exited.
  }
}

/**
 * Runs `command` and resolves to its CPU seconds (user+sys, children included), wall seconds,
 * peak RSS in MB, exit status and the tail of its stderr.
 */
export function measure(command, args, { cwd, env }) {
  if (interruption) return Promise.reject(new Interrupted(interruption))
  return new Promise((resolve, reject) => {
    const started = performance.now()
    const child = spawn(TIME, ['-f', `${MARK}%U %S %M`, command, ...args], {
      cwd,
      env,
      detached: true,
      stdio: ['ignore', 'ignore', 'pipe'],
    })
    running.add(child)
    let stderr = ''
    child.stderr.setEncoding('utf8').on('data', (chunk) => {
      stderr = (stderr + chunk).slice(-STDERR_KEPT)
    })
    child.on('error', reject)
    child.on('close', (status) => {
      running.delete(child)
      if (interruption) return reject(new Interrupted(interruption))
      const wall = (performance.now() - started) / 1000
      const times = parseTime(stderr)
      if (!times)
        return reject(new Error(`no timing from ${command} (exit ${status}):\n${stderr.slice(-2000)}`))
      resolve({ ...times, wall, status, stderr: stripTime(stderr) })
    })
  })
}

function parseTime(stderr) {
  const line = stderr.split('\n').findLast((text) => text.startsWith(MARK))
  if (!line) return undefined
  const [user, system, rssKb] = line.slice(MARK.length).split(' ').map(Number)
  return { cpu: user + system, rssMb: rssKb / 1024 }
}

function stripTime(stderr) {
  return stderr
    .split('\n')
    .filter((line) => !line.startsWith(MARK) && !line.startsWith('Command exited with non-zero status'))
    .join('\n')
}
