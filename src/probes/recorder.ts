import { captureCallSites, locateUserSite } from '../stack/call-sites.js'
import type { CauseKind } from '../types.js'

/** The first touch of one inherited item, with the first user-code frame that touched it. */
export interface ProbeRead {
  kind: CauseKind
  /** env: the variable (`*` when the whole env was enumerated or copied); cluster: `role`/`listen`. */
  name?: string
  at: string
}

/** Frames deeper than this are not searched for user code. */
const STACK_DEPTH = 40

/**
 * Records first touches while `active` (only while user code runs, so forkcheck's own reads and
 * Node's start-up reads never count). Later touches of the same item cost one Set lookup.
 */
export class Recorder {
  active = false
  readonly reads: ProbeRead[] = []
  private readonly seen = new Set<string>()
  /** Locating a caller may itself touch a probed item (path.resolve calls process.cwd). */
  private busy = false

  constructor(
    private readonly root: string,
    private readonly harnessDir: string,
  ) {}

  record(kind: CauseKind, name?: string): void {
    if (!this.active || this.busy) return
    const key = name === undefined ? kind : `${kind}:${name}`
    if (this.seen.has(key)) return
    this.busy = true
    const at = this.locateCaller()
    this.busy = false
    // Without a user frame the touch is Node's own (e.g. module loading); a later user touch counts.
    if (at === undefined) return
    this.seen.add(key)
    this.reads.push(name === undefined ? { kind, at } : { kind, name, at })
  }

  /** `kind:name` → where it was first touched. */
  toMap(): Record<string, string> {
    return Object.fromEntries(this.reads.map((read) => [readKey(read.kind, read.name), read.at]))
  }

  private locateCaller(): string | undefined {
    return locateUserSite(captureCallSites(STACK_DEPTH), this.root, this.harnessDir)
  }
}

/** The key of an item in maps such as the parent's `setAt`. */
export function readKey(kind: CauseKind, name?: string): string {
  return name === undefined ? kind : `${kind}:${name}`
}
