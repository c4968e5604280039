import { setOwn } from '../engine/set-own.js'
import { redactedText, sensitiveData, sensitivePattern } from './sensitive-values.js'

/** A `JSON.stringify` replacer. */
export type JsonReplacer = (this: unknown, key: string, value: unknown) => unknown

/**
 * `JSON.stringify(value)` with every registered sensitive value out of it: an object or array registered whole (a
 * parsed JSON secret, or a part of it) and a number registered as a value are written `"[REDACTED]"`; registered
 * text is replaced inside every string and every key. `replace`, when given, runs first on each value (to write
 * errors or bigints its own way). With nothing registered, a plain `JSON.stringify`.
 */
export function redactedJson(value: unknown, replace?: JsonReplacer): string | undefined {
  const pattern = sensitivePattern()
  const data = sensitiveData()
  if (pattern === undefined && data === undefined) return JSON.stringify(value, replace)
  return JSON.stringify(value, function redact(key, raw) {
    const replaced = replace === undefined ? raw : replace.call(this, key, raw)
    switch (typeof replaced) {
      case 'string':
        return pattern === undefined ? replaced : replaced.replace(pattern, redactedText)
      case 'number':
        return data?.numbers.has(replaced) === true ? redactedText : replaced
      case 'object':
        if (replaced === null) return replaced
        if (data?.objects.has(replaced) === true) return redactedText
        return pattern === undefined || Array.isArray(replaced)
          ? replaced
          : withRedactedKeys(replaced, pattern)
      default:
        return replaced
    }
  })
}

/** The object itself, or a copy whose keys have the registered text replaced when one of them holds some. */
function withRedactedKeys(object: object, pattern: RegExp): object {
  const keys = Object.keys(object)
  const holdsSecret = keys.some((key) => {
    pattern.lastIndex = 0
    return pattern.test(key)
  })
  pattern.lastIndex = 0
  if (!holdsSecret) return object
  const copy: Record<string, unknown> = {}
  for (const key of keys)
    setOwn(copy, key.replace(pattern, redactedText), (object as Record<string, unknown>)[key])
  return copy
}
