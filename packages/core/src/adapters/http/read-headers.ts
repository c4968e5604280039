import { isRecord } from './read-query.js'

/** Lower-cases header names and joins repeated headers, from the single- or multi-value map an event carries. */
export function readHeaders(single: unknown, multi: unknown): Record<string, string> {
  const headers: Record<string, string> = {}
  if (isRecord(multi)) {
    for (const [name, list] of Object.entries(multi)) {
      if (!Array.isArray(list)) continue
      const strings = list.filter((value): value is string => typeof value === 'string')
      if (strings.length > 0) headers[name.toLowerCase()] = strings.join(', ')
    }
  }
  if (isRecord(single)) {
    for (const [name, value] of Object.entries(single)) {
      const key = name.toLowerCase()
      if (typeof value === 'string' && headers[key] === undefined) headers[key] = value
    }
  }
  return headers
}
