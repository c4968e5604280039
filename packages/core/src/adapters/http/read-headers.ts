import { setOwn } from '../../engine/set-own.js'
import { isRecord } from './read-query.js'

/**
 * Lower-cases header names and joins repeated headers, from the single- or multi-value map an event carries:
 * with `, ` (RFC 9110 5.3), except `cookie`, whose pairs are separated by `; ` (RFC 9113 8.2.3) — joined with a
 * comma, the second header's pairs would vanish into the value of the first one's last cookie.
 */
export function readHeaders(single: unknown, multi: unknown): Record<string, string> {
  const headers: Record<string, string> = {}
  // Index loops over Object.keys: what Object.entries gives, without an array per header.
  if (isRecord(multi)) {
    const names = Object.keys(multi)
    for (let index = 0; index < names.length; index++) {
      const name = names[index] as string
      const list = multi[name]
      if (!Array.isArray(list)) continue
      const strings = list.filter((value): value is string => typeof value === 'string')
      if (strings.length === 0) continue
      const key = name.toLowerCase()
      setOwn(headers, key, strings.join(key === 'cookie' ? '; ' : ', '))
    }
  }
  if (isRecord(single)) {
    const names = Object.keys(single)
    for (let index = 0; index < names.length; index++) {
      const name = names[index] as string
      const value = single[name]
      const key = name.toLowerCase()
      if (typeof value === 'string' && !Object.hasOwn(headers, key)) setOwn(headers, key, value)
    }
  }
  return headers
}
