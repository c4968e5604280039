/**
 * Values that must never reach a log line, whoever prints it: secrets fetched at cold start, tokens a
 * handler learns. Kept on a global symbol so that every copy of every package (ESM and CJS side by side) shares
 * one registry; it holds cold-start data, not per-invocation state.
 */
interface SensitiveRegistry {
  readonly values: Set<string>
  version: number
}

const registryKey = Symbol.for('tsumiki.sensitive-values')
type GlobalWithRegistry = typeof globalThis & { [registryKey]?: SensitiveRegistry }

function registry(): SensitiveRegistry {
  const holder = globalThis as GlobalWithRegistry
  holder[registryKey] ??= { values: new Set(), version: 0 }
  return holder[registryKey]
}

/** The shortest value worth registering: shorter ones would redact ordinary words and numbers. */
export const minSensitiveValueLength = 4

/** Registers a value to be replaced wherever it appears in logs. Short values are ignored (see the minimum). */
export function registerSensitiveValue(value: string): void {
  if (typeof value !== 'string' || value.length < minSensitiveValueLength) return
  const current = registry()
  if (current.values.has(value)) return
  current.values.add(value)
  current.version++
}

/** The registered values, and a version that changes whenever one is added (so loggers can cache a matcher). */
export function sensitiveValues(): { readonly values: ReadonlySet<string>; readonly version: number } {
  return registry()
}
