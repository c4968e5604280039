import { createHash } from 'node:crypto'

/** SHA-256, base64url: 43 characters, so a record's id and payload hash stay short whatever the input's size. */
export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('base64url')
}

/**
 * A hash of a payload that does not depend on key order: `{ a, b }` and `{ b, a }` are the same payload. Text is
 * hashed as it is (an HTTP body's bytes are what the client sent).
 */
export function payloadHashOf(payload: unknown): string {
  return typeof payload === 'string' ? sha256(`s:${payload}`) : sha256(`j:${stableJson(payload)}`)
}

function stableJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'undefined'
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    return stableJson((value as { toJSON: () => unknown }).toJSON())
  }
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`
  const fields = Object.keys(value)
    .filter((name) => (value as Record<string, unknown>)[name] !== undefined)
    .sort()
    .map((name) => `${JSON.stringify(name)}:${stableJson((value as Record<string, unknown>)[name])}`)
  return `{${fields.join(',')}}`
}
