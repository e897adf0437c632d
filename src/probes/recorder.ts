import { captureCallSites, locateUserSite, type Place } from '../stack/call-sites.js'
import type { CauseKind } from '../types.js'

/** The first touch of one inherited item, with where user code touched it. */
export interface ProbeRead extends Place {
  kind: CauseKind
  /** env: the variable (`*` when the whole env was enumerated or copied); cluster: `role`/`listen`. */
  name?: string
}

/** Frames deeper than this are not searched for user code. */
const STACK_DEPTH = 40

/**
 * Records touches of inherited items by user code while `active` (only while user code runs, so
 * forkcheck's own reads and Node's start-up reads never count). A child keeps each item's first
 * read, where the leak was first relied on; later reads of it cost one Map lookup. A parent keeps
 * each item's last write (`keep: 'last'`), the one whose value its children inherit: a library
 * that clears a variable as it loads (`debug` deletes `DEBUG`) must not hide the `parent()` line
 * that sets it afterwards.
 */
export class Recorder {
  active = false
  /** Called after each new touch is kept (a child sends what user code touches after its outcome). */
  onTouch: (() => void) | undefined
  private readonly touches = new Map<string, ProbeRead>()
  /** Locating a caller may itself touch a probed item (path.resolve calls process.cwd). */
  private busy = false

  constructor(
    private readonly root: string,
    private readonly harnessDir: string,
    private readonly keep: 'first' | 'last' = 'first',
  ) {}

  record(kind: CauseKind, name?: string): void {
    if (!this.active || this.busy) return
    const key = readKey(kind, name)
    if (this.keep === 'first' && this.touches.has(key)) return
    this.busy = true
    const place = this.locateCaller()
    this.busy = false
    // Without a user frame the touch is Node's own (e.g. module loading); a later user touch counts.
    if (place === undefined) return
    this.touches.set(key, name === undefined ? { kind, ...place } : { kind, name, ...place })
    this.onTouch?.()
  }

  /** The recorded touches, one per item. */
  get reads(): ProbeRead[] {
    return [...this.touches.values()]
  }

  /** `kind:name` → where it was touched. */
  toMap(): Record<string, Place> {
    return Object.fromEntries(
      [...this.touches].map(([key, { at, via }]) => [key, via === undefined ? { at } : { at, via }]),
    )
  }

  private locateCaller(): Place | undefined {
    const sites = captureCallSites(STACK_DEPTH)
    if (sites.some(isNodesOwnRead)) return undefined
    return locateUserSite(sites, this.root, this.harnessDir)
  }
}

/** Where Node makes process.stdout, stderr and stdin when code first touches them. */
const STDIO_SETUP = 'node:internal/bootstrap/switches/is_main_thread'
/** Where a cluster worker messages its primary (a listen, a disconnect). */
const CLUSTER_MESSAGES = 'node:internal/cluster/utils'

/**
 * A frame of Node reading an item for its own ends, under user code that never used it:
 * - making a stdio stream reads `process.channel` (is the stream's fd the channel's?), so code
 *   that merely logged used no IPC;
 * - a worker's listen reads `process.send` to ask the primary, which is the `cluster` cause;
 * - filling a builtin's ES module facade (`syncExports`) reads every getter: at the first
 *   `import … from 'node:cluster'` (inside the importer's `import()` where module hooks run
 *   in-thread, Node 22.15 and later) and at `syncBuiltinESMExports()`.
 */
function isNodesOwnRead(site: NodeJS.CallSite): boolean {
  const file = site.getFileName()
  if (file === STDIO_SETUP || file === CLUSTER_MESSAGES) return true
  return file === 'node:internal/bootstrap/realm' && site.getFunctionName() === 'syncExports'
}

/** The key of an item in maps such as the parent's `setAt`. */
export function readKey(kind: CauseKind, name?: string): string {
  return name === undefined ? kind : `${kind}:${name}`
}
