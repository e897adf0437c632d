import type { PlainValue } from '../types.js'
import { compareText } from './order.js'

// Paths of compared leaves, as diffs show them: `[0].value.user.name`, `[1].value["a.b"][2]`.

/** One step of a path: `.name`, `[3]` or `["a.b"]`. */
const STEP = /\.([A-Za-z_$][\w$]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/y

/** `path` with the object key `key` appended: `a.b`, or `a["b-c"]` for a key that is no identifier. */
export function joinKey(path: string, key: string): string {
  if (!/^[A-Za-z_$][\w$]*$/.test(key)) return `${path}[${JSON.stringify(key)}]`
  return path === '' ? key : `${path}.${key}`
}

/** The paths above `path`, outermost first: `[0].value.a[1]` → `[0]`, `[0].value`, `[0].value.a`. */
export function ancestorsOf(path: string): string[] {
  const ends = stepEnds(path)
  return ends === undefined ? [] : ends.slice(0, -1).map((end) => path.slice(0, end))
}

/**
 * The value below `path` rebuilt from the leaves under it (a map of path to JSON); undefined when
 * no leaf lies under it.
 *
 * @example
 * subtreeAt(new Map([['[0].value[0]', '"a"']]), '[0].value') // ['a']
 */
export function subtreeAt(leaves: ReadonlyMap<string, string>, path: string): PlainValue | undefined {
  let tree: PlainValue | undefined
  for (const [leafPath, json] of leaves) {
    if (leafPath.length === path.length || !leafPath.startsWith(path)) continue
    const steps = splitSteps(leafPath.slice(path.length))
    if (steps !== undefined) tree = place(tree, steps, JSON.parse(json) as PlainValue)
  }
  return tree
}

/** Where each step of `path` ends; undefined for a path that is not made of steps. */
function stepEnds(path: string): number[] | undefined {
  // Top-level fields are written without a leading dot.
  const rest = /^[A-Za-z_$]/.test(path) ? `.${path}` : path
  const shift = rest.length - path.length
  const ends: number[] = []
  STEP.lastIndex = 0
  while (STEP.lastIndex < rest.length) {
    if (STEP.exec(rest) === null) return undefined
    ends.push(STEP.lastIndex - shift)
  }
  return ends
}

function splitSteps(rest: string): Array<string | number> | undefined {
  const steps: Array<string | number> = []
  STEP.lastIndex = 0
  while (STEP.lastIndex < rest.length) {
    const match = STEP.exec(rest)
    if (match === null) return undefined
    const [, name, index, quoted] = match
    steps.push(name ?? (index !== undefined ? Number(index) : (JSON.parse(quoted!) as string)))
  }
  return steps.length === 0 ? undefined : steps
}

function place(tree: PlainValue | undefined, steps: Array<string | number>, leaf: PlainValue): PlainValue {
  const [step, ...rest] = steps as [string | number, ...Array<string | number>]
  const node = (tree ?? (typeof step === 'number' ? [] : {})) as Record<string | number, PlainValue>
  node[step] = rest.length === 0 ? leaf : place(node[step], rest, leaf)
  return node as PlainValue
}

/**
 * Orders paths the way they read: `[2]` before `[10]` (numbers by value), the rest by code point.
 *
 * @example
 * ['[0].value[10]', '[0].value[9]'].sort(comparePaths) // ['[0].value[9]', '[0].value[10]']
 */
export function comparePaths(a: string, b: string): number {
  // Splitting on digit runs puts them at the odd indexes.
  const left = a.split(/(\d+)/)
  const right = b.split(/(\d+)/)
  for (let index = 0; index < Math.min(left.length, right.length); index++) {
    const [x, y] = [left[index]!, right[index]!]
    if (x === y) continue
    if (index % 2 === 1 && x.length !== y.length) return x.length - y.length
    return compareText(x, y)
  }
  return left.length - right.length
}
