import type { StandardSchemaV1 } from './standard-schema.js'

type PathSegments = ReadonlyArray<PropertyKey | StandardSchemaV1.PathSegment>

// A key that can follow a dot in JavaScript; anything else is written as a quoted index.
const identifierKey = /^[A-Za-z_$][\w$]*$/

/**
 * Writes an issue's path the way a JavaScript reader would reach the value, from the part it belongs to:
 * `body.items[0].qty`, `headers["x-api-key"]`, `query.page`. A path-less issue is about the part itself.
 */
export function formatIssuePath(part: string, path: PathSegments | undefined): string {
  let text = part
  if (path === undefined) return text
  for (const segment of path) text += formatKey(typeof segment === 'object' ? segment.key : segment)
  return text
}

function formatKey(key: PropertyKey): string {
  if (typeof key === 'number') return `[${key}]`
  if (typeof key === 'symbol') return `[${key.toString()}]`
  return identifierKey.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`
}
