/**
 * Values that must never reach a log line, whoever prints it: secrets fetched at cold start, tokens a
 * handler learns. Kept on a global symbol so that every copy of every package (ESM and CJS side by side) shares
 * one registry; it holds cold-start data, not per-invocation state.
 */
interface SensitiveRegistry {
  readonly values: Set<string>
  version: number
  /** Made by the first `registerSensitiveData`; a registry an older copy of core made has none until then. */
  data?: SensitiveData
}

/**
 * What is sensitive by identity or by value rather than by text: what `registerSensitiveData` was given. Writers
 * of JSON print each of these as `"[REDACTED]"`, whole.
 */
export interface SensitiveData {
  /** Objects and arrays registered whole (a parsed JSON secret, and every object and array inside it). */
  readonly objects: WeakSet<object>
  /** Numbers registered as values (a PIN inside a JSON secret); their text is registered too. */
  readonly numbers: ReadonlySet<number>
}

const registryKey = Symbol.for('tsumiki.sensitive-values')
type GlobalWithRegistry = typeof globalThis & { [registryKey]?: SensitiveRegistry }

function registry(): SensitiveRegistry {
  const holder = globalThis as GlobalWithRegistry
  holder[registryKey] ??= { values: new Set(), version: 0 }
  return holder[registryKey]
}

/** How deep `registerSensitiveData` goes into a value; parsed JSON secrets are a few levels deep. */
const maxDataDepth = 64

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

/**
 * Registers a value as sensitive as a whole, for what a secret becomes once parsed (a JSON secret's object): the
 * object or array itself and every object and array inside it by identity, so that logging it, or any part of it,
 * prints `"[REDACTED]"` in place of all its values, numbers and booleans included; and each string and number
 * inside it as text (a number also as a value), so that a value copied out of it is still redacted wherever its
 * text appears. Text and numbers shorter than `minSensitiveValueLength` characters, booleans and `null` are only
 * hidden as part of a registered object: registering `true` or `1` as text would redact every line that has one.
 */
export function registerSensitiveData(value: unknown): void {
  registerData(value, 0)
}

function registerData(value: unknown, depth: number): void {
  switch (typeof value) {
    case 'string':
      registerSensitiveValue(value)
      return
    case 'number':
    case 'bigint':
      registerSensitiveNumber(value)
      return
    case 'object':
      if (value === null || depth > maxDataDepth) return
      break
    default:
      return
  }
  const current = registry()
  current.data ??= { objects: new WeakSet(), numbers: new Set() }
  // Seen already: a shared or circular part of the value, or one registered before.
  if (current.data.objects.has(value)) return
  current.data.objects.add(value)
  current.version++
  let children: unknown[]
  try {
    children = Array.isArray(value) ? [...value] : Object.values(value)
  } catch {
    return
  }
  for (const child of children) registerData(child, depth + 1)
}

function registerSensitiveNumber(value: number | bigint): void {
  if (typeof value === 'number' && !Number.isFinite(value)) return
  const text = String(value)
  if (text.length < minSensitiveValueLength) return
  registerSensitiveValue(text)
  if (typeof value !== 'number') return
  const current = registry()
  current.data ??= { objects: new WeakSet(), numbers: new Set() }
  const numbers = current.data.numbers as Set<number>
  if (numbers.has(value)) return
  numbers.add(value)
  current.version++
}

/**
 * What `registerSensitiveData` registered by identity or value, or undefined while it registered nothing (the
 * common case: writers then skip the checks).
 */
export function sensitiveData(): SensitiveData | undefined {
  return registry().data
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
