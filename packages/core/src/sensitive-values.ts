/**
 * Values that must never reach a log line, whoever prints it: secrets fetched by @tsumiki/parameters, tokens a
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

/** What a sensitive value is replaced with, wherever it appears in a log line. */
export const redactedText = '[REDACTED]'

let cachedPattern: { readonly pattern: RegExp | undefined; readonly version: number } = {
  pattern: undefined,
  version: 0,
}

/**
 * One pattern matching every registered value (longest first), rebuilt only when the registry changes; undefined
 * while nothing is registered. Every log writer of tsumiki redacts through it.
 */
export function sensitivePattern(): RegExp | undefined {
  const current = registry()
  if (current.version !== cachedPattern.version) {
    const values = [...current.values].sort((a, b) => b.length - a.length)
    // A value is matched as registered and as it reads inside a JSON string (quotes and backslashes escaped).
    const forms = new Set(values.flatMap((value) => [value, JSON.stringify(value).slice(1, -1)]))
    cachedPattern = {
      pattern: forms.size === 0 ? undefined : new RegExp([...forms].map(escapeRegExp).join('|'), 'g'),
      version: current.version,
    }
  }
  return cachedPattern.pattern
}

/** `text` with every registered sensitive value replaced by `[REDACTED]`. */
export function redactSensitiveValues(text: string): string {
  const pattern = sensitivePattern()
  return pattern === undefined ? text : text.replace(pattern, redactedText)
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')
}
