import type { SpanContext } from '@opentelemetry/api'
import { traceHeaderField } from '@tsumiki/core'

const rootPattern = /^1-([0-9a-f]{8})-([0-9a-f]{24})$/
const parentPattern = /^[0-9a-f]{16}$/

/**
 * The span context an X-Ray trace header names (`Root=1-<epoch>-<24 hex>;Parent=<16 hex>;Sampled=1`), as
 * OpenTelemetry spells it: the trace id is the root's two hex parts joined (what the AWS X-Ray propagator does).
 * Undefined without a well-formed `Root` and `Parent`: Lambda's header always has both, a hand-made one may not.
 */
export function parseXRayHeader(header: string | undefined): Omit<SpanContext, 'traceState'> | undefined {
  if (header === undefined || header.length > 1024) return undefined
  const root = rootPattern.exec(traceHeaderField(header, 'Root') ?? '')
  const parent = traceHeaderField(header, 'Parent')
  if (root === null || parent === undefined || !parentPattern.test(parent)) return undefined
  const traceId = `${root[1]}${root[2]}`
  if (/^0+$/.test(traceId) || /^0+$/.test(parent)) return undefined
  return {
    traceId,
    spanId: parent,
    traceFlags: traceHeaderField(header, 'Sampled') === '1' ? 1 : 0,
    isRemote: true,
  }
}
