import type { SpanContext } from '@opentelemetry/api'

const traceparentPattern = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?$/
const allZeros = /^0+$/

/**
 * The span context a W3C `traceparent` header names (`00-<trace id>-<parent id>-<flags>`), with `tracestate` kept as
 * its text; undefined for a header the Trace Context spec says to ignore (version ff, ids all zeros, a malformed
 * field, or a version 00 header with more after it).
 */
export function parseTraceparent(
  traceparent: string | undefined,
): Omit<SpanContext, 'traceState'> | undefined {
  if (traceparent === undefined || traceparent.length > 512) return undefined
  const match = traceparentPattern.exec(traceparent.trim())
  if (match === null) return undefined
  const [, version, traceId, spanId, flags, rest] = match as unknown as [
    string,
    string,
    string,
    string,
    string,
    string?,
  ]
  if (version === 'ff' || (version === '00' && rest !== undefined)) return undefined
  if (allZeros.test(traceId) || allZeros.test(spanId)) return undefined
  return { traceId, spanId, traceFlags: Number.parseInt(flags, 16) & 1, isRemote: true }
}
