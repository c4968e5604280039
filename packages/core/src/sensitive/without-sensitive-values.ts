import { setOwn } from '../engine/set-own.js'
import { redactedText, type SensitiveData, sensitiveData, sensitivePattern } from './sensitive-values.js'

/** How deep a cause chain, an AggregateError's `errors` or a field is followed; deeper parts are left as they are. */
const maxDepth = 32

interface Redaction {
  readonly pattern: RegExp | undefined
  readonly data: SensitiveData | undefined
  /** Each object met, and what it became (itself when nothing in it was sensitive): cycles end here. */
  readonly done: Map<object, unknown>
}

/**
 * What a failed invocation hands the Lambda runtime, which prints its name, message, stack and enumerable fields
 * to CloudWatch and returns them to the caller: `thrown` itself when no registered sensitive value is in it, else a
 * copy with each one replaced by `[REDACTED]` — in the message, the stack, the name, the `cause` chain, an
 * AggregateError's `errors` and every field (plain objects and arrays inside included; an object or number
 * registered whole is `[REDACTED]` whole). The copy keeps the error's class, code and brands, so it is still
 * recognised (`isHttpError`, `instanceof`). The thrown error itself is never changed: code that keeps it sees it as
 * it was.
 */
export function withoutSensitiveValues(thrown: unknown): unknown {
  const pattern = sensitivePattern()
  const data = sensitiveData()
  if (pattern === undefined && data === undefined) return thrown
  const redaction: Redaction = { pattern, data, done: new Map() }
  try {
    return redacted(thrown, redaction, 0)
  } catch {
    // A value that cannot even be read (a revoked Proxy): nothing of it is handed over but its redacted text.
    return new Error(redactText(describe(thrown), pattern))
  }
}

function redacted(value: unknown, redaction: Redaction, depth: number): unknown {
  switch (typeof value) {
    case 'string':
      return redactText(value, redaction.pattern)
    case 'number':
      return redaction.data?.numbers.has(value) === true ? redactedText : value
    case 'object':
      if (value === null) return value
      break
    default:
      return value
  }
  if (redaction.data?.objects.has(value) === true) return redactedText
  if (redaction.done.has(value)) return redaction.done.get(value)
  if (depth > maxDepth) return value
  if (isErrorLike(value)) return redactedError(value, redaction, depth)
  if (Array.isArray(value)) return redactedArray(value, redaction, depth)
  const prototype = Object.getPrototypeOf(value)
  // Only plain objects are rebuilt: a Map, a Date or a class instance with internal state cannot be copied field by
  // field (the runtime prints what JSON makes of them, which for those is little or nothing).
  if (prototype !== Object.prototype && prototype !== null) return value
  return redactedPlainObject(value as Record<string, unknown>, redaction, depth)
}

/** A copy of the error with every own property redacted (message, stack, cause and errors are own properties). */
function redactedError(error: Error, redaction: Redaction, depth: number): unknown {
  const copy = Object.create(Object.getPrototypeOf(error)) as Record<PropertyKey, unknown>
  redaction.done.set(error, copy)
  let changed = false
  const descriptors = Object.getOwnPropertyDescriptors(error) as Record<PropertyKey, PropertyDescriptor>
  for (const key of Reflect.ownKeys(descriptors)) {
    const descriptor = descriptors[key] as PropertyDescriptor
    // A getter (an accessor `stack`, a computed message) is read once and written as the value it gave.
    const value =
      'value' in descriptor ? descriptor.value : (error as unknown as Record<PropertyKey, unknown>)[key]
    const safe = redacted(value, redaction, depth + 1)
    changed ||= safe !== value
    Object.defineProperty(copy, key, {
      value: safe,
      writable: descriptor.writable ?? true,
      enumerable: descriptor.enumerable ?? false,
      configurable: true,
    })
  }
  // A message or name the prototype answers (a class getter): checked too, and pinned on the copy when it leaks.
  for (const key of ['message', 'name'] as const) {
    if (Object.hasOwn(descriptors, key)) continue
    const value = error[key]
    const safe = redacted(value, redaction, depth + 1)
    if (safe !== value) {
      changed = true
      Object.defineProperty(copy, key, { value: safe, writable: true, enumerable: false, configurable: true })
    }
  }
  if (!changed) {
    redaction.done.set(error, error)
    return error
  }
  return copy
}

function redactedArray(array: readonly unknown[], redaction: Redaction, depth: number): unknown {
  const copy: unknown[] = []
  redaction.done.set(array, copy)
  let changed = false
  for (const item of array) {
    const safe = redacted(item, redaction, depth + 1)
    changed ||= safe !== item
    copy.push(safe)
  }
  if (changed) return copy
  redaction.done.set(array, array)
  return array
}

function redactedPlainObject(object: Record<string, unknown>, redaction: Redaction, depth: number): unknown {
  const copy: Record<string, unknown> = {}
  redaction.done.set(object, copy)
  let changed = false
  for (const key of Object.keys(object)) {
    const value = object[key]
    const safe = redacted(value, redaction, depth + 1)
    const safeKey = redactText(key, redaction.pattern)
    changed ||= safe !== value || safeKey !== key
    setOwn(copy, safeKey, safe)
  }
  if (changed) return copy
  redaction.done.set(object, object)
  return object
}

function redactText(text: string, pattern: RegExp | undefined): string {
  return pattern === undefined ? text : text.replace(pattern, redactedText)
}

function isErrorLike(value: object): value is Error {
  return value instanceof Error || Object.prototype.toString.call(value) === '[object Error]'
}

function describe(thrown: unknown): string {
  try {
    return thrown instanceof Error ? `${thrown.name}: ${thrown.message}` : String(thrown)
  } catch {
    return 'An error that could not be read'
  }
}
