import type { DeepPartial } from './deep-partial.js'
import { isPlainObject } from './is-plain-object.js'

/**
 * A copy of `defaults` with `overrides` laid over it, property by property at every depth.
 *
 * - `undefined` in `overrides` keeps the default; `null` sets `null`.
 * - Arrays and every non-plain value (a `Uint8Array`, a `Date`) replace the default whole.
 * - Neither input is mutated, and the result shares no plain object or array with them, so a test can
 *   change the event it got without touching the next test's defaults or its own override literals.
 */
export function deepMerge<T>(defaults: T, overrides?: DeepPartial<NoInfer<T>>): T {
  // The recursion is untyped by nature; DeepPartial<T> guarantees the shapes line up.
  return mergeValues(defaults, overrides) as T
}

function mergeValues(defaults: unknown, overrides: unknown): unknown {
  if (overrides === undefined) return copyPlainData(defaults)
  if (!isPlainObject(overrides) || !isPlainObject(defaults)) return copyPlainData(overrides)
  // Object.fromEntries defines own fields, so a key named `__proto__` (events are outside input) stays data.
  const entries: [string, unknown][] = Object.entries(defaults).map(([key, value]) => [
    key,
    mergeValues(value, ownValue(overrides, key)),
  ])
  for (const [key, value] of Object.entries(overrides)) {
    if (Object.hasOwn(defaults, key) || value === undefined) continue
    entries.push([key, copyPlainData(value)])
  }
  return Object.fromEntries(entries)
}

// Inherited members ("constructor", "toString") are not overrides.
function ownValue(record: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(record, key) ? record[key] : undefined
}

function copyPlainData(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(copyPlainData)
  if (!isPlainObject(value)) return value
  return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, copyPlainData(entry)]))
}
