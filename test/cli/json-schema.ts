// A small JSON Schema (2020-12) checker for the keywords schema/report.schema.json uses: $ref to
// local $defs, type, enum, const, required, properties, additionalProperties, items, minimum, pattern.
type Schema = Record<string, unknown>

function typeOf(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'array'
  return typeof value
}

function matchesType(value: unknown, type: string): boolean {
  if (type === 'integer') return Number.isInteger(value)
  return typeOf(value) === type
}

function resolveRef(root: Schema, ref: string): Schema {
  if (!ref.startsWith('#/')) throw new Error(`unsupported $ref ${ref}`)
  let node: unknown = root
  for (const part of ref.slice(2).split('/')) node = (node as Schema)[part]
  if (node === undefined) throw new Error(`unresolved $ref ${ref}`)
  return node as Schema
}

/** Every place `value` breaks `schema`, as `path: problem`; empty when it is valid. */
export function validateJsonSchema(value: unknown, schema: Schema): string[] {
  const errors: string[] = []
  const visit = (node: Schema, item: unknown, path: string): void => {
    if (typeof node.$ref === 'string') {
      visit(resolveRef(schema, node.$ref), item, path)
      return
    }
    const types = node.type === undefined ? undefined : [node.type].flat().map(String)
    if (types && !types.some((type) => matchesType(item, type))) {
      errors.push(`${path}: expected ${types.join('|')}, got ${typeOf(item)}`)
      return
    }
    if ('const' in node && item !== node.const) errors.push(`${path}: expected ${JSON.stringify(node.const)}`)
    if (Array.isArray(node.enum) && !node.enum.includes(item))
      errors.push(`${path}: ${JSON.stringify(item)} not in enum`)
    if (typeof node.minimum === 'number' && typeof item === 'number' && item < node.minimum)
      errors.push(`${path}: below ${node.minimum}`)
    if (
      typeof node.pattern === 'string' &&
      typeof item === 'string' &&
      !new RegExp(node.pattern, 'u').test(item)
    )
      errors.push(`${path}: ${JSON.stringify(item)} does not match ${node.pattern}`)
    if (Array.isArray(item) && node.items) {
      for (const [index, entry] of item.entries()) visit(node.items as Schema, entry, `${path}[${index}]`)
    }
    if (typeOf(item) !== 'object') return
    const object = item as Record<string, unknown>
    const properties = (node.properties ?? {}) as Record<string, Schema>
    for (const key of (node.required ?? []) as string[])
      if (!(key in object)) errors.push(`${path}: missing ${key}`)
    for (const [key, entry] of Object.entries(object)) {
      if (properties[key]) visit(properties[key], entry, `${path}.${key}`)
      else if (node.additionalProperties === false) errors.push(`${path}: unexpected property ${key}`)
    }
  }
  visit(schema, value, '$')
  return errors
}
