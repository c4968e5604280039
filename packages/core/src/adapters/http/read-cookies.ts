import { setOwn } from '../../engine/set-own.js'

/**
 * Parses `name=value` pairs from HTTP API v2's `cookies` array or a `cookie` header (repeated headers joined with
 * `; ` by readHeaders). The first of a name wins.
 */
export function readCookies(pairs: readonly unknown[]): Record<string, string> {
  // A Map, not an object: `name in {}` is true for `constructor` or `toString`, which would drop those cookies.
  const cookies = new Map<string, string>()
  for (const pair of pairs) {
    if (typeof pair !== 'string') continue
    const separator = pair.indexOf('=')
    // A pair without `=` is a name with an empty value, as browsers and Go's net/http read it (AWS's own sample
    // events send `"cookies": ["cookie1"]`); a pair with an empty name is nobody's cookie.
    const name = (separator === -1 ? pair : pair.slice(0, separator)).trim()
    if (name === '' || cookies.has(name)) continue
    cookies.set(name, separator === -1 ? '' : decodeCookieValue(pair.slice(separator + 1).trim()))
  }
  const fields: Record<string, string> = {}
  for (const [name, value] of cookies) setOwn(fields, name, value)
  return fields
}

export function cookiePairsFromHeader(header: string | undefined): string[] {
  return header === undefined ? [] : header.split(';')
}

function decodeCookieValue(value: string): string {
  const unquoted =
    value.length >= 2 && value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : value
  // Without a '%' there is nothing to decode: decodeURIComponent would give the value back as is.
  if (!unquoted.includes('%')) return unquoted
  try {
    return decodeURIComponent(unquoted)
  } catch {
    return unquoted
  }
}
