import { setOwn } from '../engine/set-own.js'

/**
 * True for errors of this realm and of others (a `vm` context, a worker's structured clone), which `instanceof`
 * misses.
 */
export function isErrorLike(value: object): value is Error {
  // Both checks read the prototype or the brand, which a revoked Proxy or a throwing trap answers with a throw.
  try {
    return value instanceof Error || Object.prototype.toString.call(value) === '[object Error]'
  } catch {
    return false
  }
}

// Read through their own path, in this order, so that every error line starts the same way.
const describedKeys = new Set(['name', 'message', 'stack', 'cause', 'errors'])

/**
 * What a log line shows of an error, whoever writes it (the logger or core's `writeLogLine`): `name`, `message`,
 * `code` when it is a string (the convention Node and tsumiki follow), `stack`, its own enumerable fields (an
 * `HttpError`'s `status`, a DynamoDB error's `$metadata`), then `cause` and an `AggregateError`'s `errors`.
 * `cause` and `errors` are own but not enumerable, which is why `JSON.stringify(error)` gives `{}`. Values are returned as they are: the serialiser walks them, so a cause chain or a cycle back to this error is
 * handled there. No read may throw through: a getter that throws becomes a description of what it threw.
 */
export function errorFields(error: Error, withStack = true): Record<string, unknown> {
  const fields: Record<string, unknown> = {
    name: readString(error, 'name') ?? 'Error',
    message: readString(error, 'message') ?? '',
  }
  const code = read(error, 'code')
  if (typeof code === 'string') fields.code = code
  // Not even read when not wanted: V8 formats a captured stack on first read, the dearest part of an error.
  const stack = withStack ? readString(error, 'stack') : undefined
  if (stack !== undefined) fields.stack = stack
  let keys: string[] = []
  try {
    keys = Object.keys(error)
  } catch {}
  for (const key of keys) {
    // An own field named `__proto__` is data, not the prototype of `fields`.
    if (!describedKeys.has(key) && key !== 'code') setOwn(fields, key, read(error, key))
  }
  if (hasOwn(error, 'cause')) fields.cause = read(error, 'cause')
  const errors = read(error, 'errors')
  if (Array.isArray(errors)) fields.errors = errors
  return fields
}

// What an `HttpError` says to an HTTP client; beside a record, which has no client, it only misleads.
const httpAnswerKeys = ['status', 'type', 'headers'] as const

/** `errorFields` of an error that failed a record: the same, without the HTTP answer it would have made. */
export function recordErrorFields(error: Error): Record<string, unknown> {
  const fields = errorFields(error)
  for (const key of httpAnswerKeys) delete fields[key]
  return fields
}

/**
 * `errorFields` of an error answered to an HTTP client (a 4xx): the same, without the stack. A 4xx is an answer,
 * not a fault: where it was thrown is of no use, and the stack is most of the line's size and cost.
 */
export function answerErrorFields(error: Error): Record<string, unknown> {
  return errorFields(error, false)
}

/** A thrown value that is not an object still gets the shape of an error, so `error.message` is always there. */
export function nonObjectErrorFields(thrown: unknown): Record<string, unknown> {
  return { message: describeThrown(thrown) }
}

/** A short text for something thrown while reading a value, for the place the value would have gone. */
export function describeThrown(thrown: unknown): string {
  try {
    if (typeof thrown === 'object' && thrown !== null && isErrorLike(thrown)) {
      return `${readString(thrown, 'name') ?? 'Error'}: ${readString(thrown, 'message') ?? ''}`
    }
    return String(thrown)
  } catch {
    return 'unreadable value'
  }
}

function read(target: object, key: string): unknown {
  try {
    return (target as Record<string, unknown>)[key]
  } catch (thrown) {
    return `[Thrown: ${describeThrown(thrown)}]`
  }
}

function readString(target: object, key: string): string | undefined {
  const value = read(target, key)
  if (value === undefined || value === null) return undefined
  if (typeof value === 'string') return value
  try {
    return String(value)
  } catch {
    return undefined
  }
}

function hasOwn(target: object, key: string): boolean {
  try {
    return Object.hasOwn(target, key)
  } catch {
    return false
  }
}
