/** Replaces a property with an accessor that calls `onRead` and returns the original value. */
export function watchProperty(target: object, key: string, onRead: () => void): void {
  const descriptor = Object.getOwnPropertyDescriptor(target, key)
  if (descriptor === undefined || !descriptor.configurable) return
  let value = descriptor.value
  const getter = descriptor.get
  Object.defineProperty(target, key, {
    configurable: true,
    enumerable: descriptor.enumerable,
    get() {
      onRead()
      return getter ? getter.call(target) : value
    },
    set(next: unknown) {
      if (descriptor.set) descriptor.set.call(target, next)
      else if (!getter) value = next
    },
  })
}

type AnyFunction = (this: unknown, ...args: never[]) => unknown

/**
 * Replaces a method with what `make` builds around the original, keeping the original's name,
 * length and enumerability.
 */
export function replaceMethod<T extends object>(
  target: T,
  key: keyof T & string,
  make: (original: AnyFunction) => AnyFunction,
): void {
  const original = target[key]
  if (typeof original !== 'function') return
  const replacement = make(original as AnyFunction)
  Object.defineProperty(replacement, 'name', { value: original.name })
  Object.defineProperty(replacement, 'length', { value: original.length })
  const descriptor = Object.getOwnPropertyDescriptor(target, key)
  Object.defineProperty(target, key, {
    value: replacement,
    writable: true,
    configurable: true,
    enumerable: descriptor?.enumerable ?? false,
  })
}

/** Wraps a method so `onCall` sees its arguments first; the wrapper keeps the original's name. */
export function wrapMethod<T extends object>(
  target: T,
  key: keyof T & string,
  onCall: (args: unknown[]) => void,
): void {
  replaceMethod(
    target,
    key,
    (original) =>
      function (this: unknown, ...args: never[]) {
        onCall(args)
        return Reflect.apply(original, this, args)
      },
  )
}
