import { describeThrown, setOwn } from '@tsumiki/core'
import type { LogFields } from '../config/resolve-config.js'

/** Copies keys one by one, so a getter that throws costs its own value, not the whole call. */
export function mergeKeys(base: LogFields, added: LogFields): LogFields {
  const merged: Record<string, unknown> = { ...base }
  if (typeof added !== 'object' || added === null) return merged
  const source = added as Readonly<Record<string, unknown>>
  let names: string[] = []
  try {
    names = Object.keys(added)
  } catch {}
  for (const name of names) {
    let value: unknown
    try {
      value = source[name]
    } catch (thrown) {
      value = `[Thrown: ${describeThrown(thrown)}]`
    }
    // A key named `__proto__` is a key like any other, not the object's prototype.
    setOwn(merged, name, value)
  }
  return merged
}

export function overlaps(fields: LogFields, keys: LogFields): boolean {
  try {
    for (const name in fields) if (Object.hasOwn(keys, name)) return true
  } catch {}
  return false
}

export function hasAnyKey(keys: LogFields): boolean {
  for (const _ in keys) return true
  return false
}
