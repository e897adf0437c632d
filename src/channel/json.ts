// JSON as it was when forkcheck loaded, before any user code: a child's frames, and a parent's
// result, must survive user code that replaces JSON's functions or gives Object.prototype or
// Array.prototype a `toJSON` (which JSON.stringify would call for every object of a frame).
const { parse, stringify } = JSON
const PROTOTYPES = [Object.prototype, Array.prototype]

/** JSON.stringify as it was, with no `toJSON` on the Object and Array prototypes. */
export function toJson(value: unknown, indent?: number): string {
  if (!PROTOTYPES.some((prototype) => Object.hasOwn(prototype, 'toJSON')))
    return stringify(value, null, indent)
  const removed: Array<[object, PropertyDescriptor]> = []
  for (const prototype of PROTOTYPES) {
    const descriptor = Object.getOwnPropertyDescriptor(prototype, 'toJSON')
    if (descriptor?.configurable && Reflect.deleteProperty(prototype, 'toJSON'))
      removed.push([prototype, descriptor])
  }
  try {
    return stringify(value, null, indent)
  } finally {
    for (const [prototype, descriptor] of removed) Object.defineProperty(prototype, 'toJSON', descriptor)
  }
}

/** JSON.parse as it was. */
export function fromJson(text: string): unknown {
  return parse(text)
}
