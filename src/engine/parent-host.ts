import type { ChildProcess } from 'node:child_process'
import type { Duplex } from 'node:stream'
import { type Capture, captureStream } from '../bootstrap/capture.js'
import { type Message, readFrames, sendFrame } from '../channel/frames.js'
import { killGroup } from '../process/tree.js'
import { type ParentExit, type ParentStart, startParentProcess, waitForEnd } from './parent-process.js'

const PARENT_OUTPUT_CAP = 64 * 1024
/** How long a parent asked to exit may take before its group gets SIGTERM, then SIGKILL. */
const CLOSE_GRACE_MS = 2_000

/** Every parent process alive, so an interrupt can end them all (by process group). */
const liveGroups = new Set<number>()
/** Set by killAllParents: the run is ending, and a parent started from now on is ended at once. */
let stopping = false

/**
 * Ends every process forkcheck started: each parent's whole process group. An interrupt ends the
 * run, so from then on any parent that code still in flight starts is killed as soon as it starts.
 */
export function killAllParents(signal: NodeJS.Signals = 'SIGKILL'): void {
  stopping = true
  for (const pgid of liveGroups) killGroup(pgid, signal)
}

/** True once killAllParents ran: start no new work. */
export function isStopping(): boolean {
  return stopping
}

export type { ParentExit, ParentStart } from './parent-process.js'

/** In words: `exit code 4`, `killed by SIGKILL`. */
export function describeParentExit({ exitCode, signal }: ParentExit): string {
  return signal ? `killed by ${signal}` : `exit code ${exitCode ?? 'unknown'}`
}

/** The harness's handle on one parent process: send a request, await its answer. */
export class ParentHost {
  readonly pid: number
  private readonly subprocess: ChildProcess
  private readonly channel: Duplex
  private readonly inbox: Message[] = []
  private waiter: ((message: Message | undefined) => void) | undefined
  private exited = false
  private ended: ParentExit | undefined
  readonly stdout: Capture
  readonly stderr: Capture
  readonly exit: Promise<ParentExit>

  constructor(start: ParentStart) {
    this.subprocess = startParentProcess(start)
    this.pid = this.subprocess.pid ?? 0
    if (this.pid) liveGroups.add(this.pid)
    this.stdout = captureStream(this.subprocess.stdout, PARENT_OUTPUT_CAP)
    this.stderr = captureStream(this.subprocess.stderr, PARENT_OUTPUT_CAP)
    this.channel = this.subprocess.stdio[3] as unknown as Duplex
    this.channel.on('error', () => {})
    readFrames(this.channel, (message) => this.deliver(message))
    this.subprocess.stdout?.on('error', () => {})
    this.subprocess.stderr?.on('error', () => {})
    this.exit = waitForEnd(this.subprocess).then((ended) => {
      this.exited = true
      this.ended = ended
      liveGroups.delete(this.pid)
      this.deliver(undefined)
      return this.ended
    })
    // What is left of its group once it is gone was abandoned by a scenario: end it, however the
    // parent ended (its stdio, held open by such a process, would keep `exit` pending).
    this.subprocess.once('exit', () => killGroup(this.pid, 'SIGKILL'))
    if (stopping) this.kill()
  }

  private deliver(message: Message | undefined): void {
    const waiter = this.waiter
    if (waiter) {
      this.waiter = undefined
      waiter(message)
    } else if (message) {
      this.inbox.push(message)
    }
  }

  /** The next message from the parent; undefined once it has exited or after `timeout` ms. */
  async receive(timeout?: number): Promise<Message | undefined> {
    const queued = this.inbox.shift()
    if (queued) return queued
    if (this.exited) return undefined
    const next = new Promise<Message | undefined>((resolve) => {
      this.waiter = resolve
    })
    if (timeout === undefined) return next
    let timer: NodeJS.Timeout | undefined
    const late = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => {
        this.waiter = undefined
        resolve(undefined)
      }, timeout)
    })
    const answer = await Promise.race([next, late])
    clearTimeout(timer)
    return answer
  }

  async send(message: Message): Promise<void> {
    await sendFrame(this.channel, message)
  }

  /** Sends a request and returns the answer, or undefined if the parent died or `timeout` passed. */
  async request(message: Message, timeout?: number): Promise<Message | undefined> {
    try {
      await this.send(message)
    } catch {
      return undefined
    }
    return this.receive(timeout)
  }

  /** True once the parent process has exited. */
  get hasExited(): boolean {
    return this.exited
  }

  /** How the parent process ended; undefined while it runs. */
  get exitInfo(): ParentExit | undefined {
    return this.ended
  }

  /**
   * Asks the parent to exit; after a grace period its process group gets SIGTERM, then SIGKILL.
   * Once it is gone, whatever is left of the group (grandchildren a scenario left) is killed.
   */
  async close(): Promise<void> {
    if (!this.exited) await this.send({ type: 'exit' }).catch(() => undefined)
    const term = setTimeout(() => killGroup(this.pid, 'SIGTERM'), CLOSE_GRACE_MS)
    const kill = setTimeout(() => this.kill(), 2 * CLOSE_GRACE_MS)
    await this.exit
    clearTimeout(term)
    clearTimeout(kill)
  }

  kill(): void {
    killGroup(this.pid, 'SIGKILL')
  }
}
