import { ParentHost } from './parent-host.js'

/**
 * Pristine parent processes shared by scenarios that neither run `parent()` nor need flags: what
 * their children inherit is identical, so one parent serves many, never two at once.
 */
export class ParentPool {
  private readonly idle: ParentHost[] = []
  private readonly all = new Set<ParentHost>()

  constructor(
    private readonly root: string,
    private readonly env: Record<string, string>,
  ) {}

  acquire(): ParentHost {
    for (;;) {
      const parent = this.idle.pop()
      if (parent === undefined) break
      if (!parent.hasExited) return parent
      this.all.delete(parent)
    }
    const parent = new ParentHost({ root: this.root, env: this.env, execArgv: [] })
    this.all.add(parent)
    return parent
  }

  /** Returns a parent after use; a parent that misbehaved is closed instead. */
  release(parent: ParentHost, healthy: boolean): void {
    if (healthy && !parent.hasExited) {
      this.idle.push(parent)
      return
    }
    this.all.delete(parent)
    void parent.close()
  }

  async closeAll(): Promise<void> {
    const parents = [...this.all]
    this.all.clear()
    this.idle.length = 0
    await Promise.all(parents.map((parent) => parent.close()))
  }
}
