import { redactedText } from '../sensitive/sensitive-values.js'

// `"key":` for the keys lines use again and again; capped, because keys can come from data (a map keyed by ids).
const keyCache = new Map<string, string>()
const maxCachedKeys = 4096

// What JSON must escape: quotes, backslashes, control characters and (as lone surrogates) UTF-16 halves.
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what JSON escapes
const needsEscaping = /["\\\u0000-\u001f\ud800-\udfff]/

/**
 * A JSON string literal for `text`, with the registered sensitive values (`sensitive`, see `sensitivePattern()`)
 * replaced. Most log text needs no escaping, and checking that with a regexp then adding quotes costs half of
 * JSON.stringify on Node 20.
 */
export function jsonString(text: string, sensitive: RegExp | undefined): string {
  const clean = sensitive === undefined ? text : text.replace(sensitive, redactedText)
  return needsEscaping.test(clean) ? JSON.stringify(clean) : `"${clean}"`
}

/** `"key":` for a member of a JSON object, the key redacted like any text. */
export function keyJson(key: string, sensitive: RegExp | undefined): string {
  if (sensitive !== undefined) return `${jsonString(key, sensitive)}:`
  let json = keyCache.get(key)
  if (json === undefined) {
    json = `${JSON.stringify(key)}:`
    if (keyCache.size < maxCachedKeys) keyCache.set(key, json)
  }
  return json
}
