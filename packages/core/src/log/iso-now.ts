let lastMs = NaN
let lastIso = ''

/**
 * The current time as an ISO 8601 string. `toISOString` costs about as much as the rest of a line, and a busy
 * function writes many lines per millisecond, so the string is made once per millisecond. The cache holds a
 * clock reading, the same for every invocation: nothing of any request is kept.
 */
export function isoNow(): string {
  const nowMs = Date.now()
  if (nowMs !== lastMs) {
    lastMs = nowMs
    lastIso = new Date(nowMs).toISOString()
  }
  return lastIso
}
