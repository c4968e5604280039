/** One span as the collector received it, decoded from OTLP's JSON encoding. */
export interface CollectedSpan {
  readonly traceId: string
  readonly spanId: string
  /** Undefined for a root span. */
  readonly parentSpanId: string | undefined
  readonly name: string
  readonly kind: 'UNSPECIFIED' | 'INTERNAL' | 'SERVER' | 'CLIENT' | 'PRODUCER' | 'CONSUMER'
  readonly attributes: Readonly<Record<string, unknown>>
  readonly status: { readonly code: 'UNSET' | 'OK' | 'ERROR'; readonly message: string | undefined }
  readonly events: readonly {
    readonly name: string
    readonly attributes: Readonly<Record<string, unknown>>
  }[]
  readonly links: readonly { readonly traceId: string; readonly spanId: string }[]
  /** The instrumentation scope's name (`@tsumiki/tracing`, your tracer's). */
  readonly scope: string
  /** The resource's attributes (`service.name`…). */
  readonly resource: Readonly<Record<string, unknown>>
  readonly startTimeUnixNano: string
  readonly endTimeUnixNano: string
}

const kinds = ['UNSPECIFIED', 'INTERNAL', 'SERVER', 'CLIENT', 'PRODUCER', 'CONSUMER'] as const
const statusCodes = ['UNSET', 'OK', 'ERROR'] as const

type Json = Readonly<Record<string, unknown>>

/**
 * The spans of an `ExportTraceServiceRequest` in OTLP/JSON (what `@opentelemetry/exporter-trace-otlp-http` sends):
 * ids as hex strings, attribute values as `{ stringValue | intValue | boolValue | doubleValue | arrayValue }`.
 * Throws on a body that is not one.
 */
export function decodeOtlpJson(body: unknown): CollectedSpan[] {
  const spans: CollectedSpan[] = []
  for (const resourceSpans of listOf(field(body, 'resourceSpans'))) {
    const resource = attributesOf(field(field(resourceSpans, 'resource'), 'attributes'))
    for (const scopeSpans of listOf(field(resourceSpans, 'scopeSpans'))) {
      const scope = String(field(field(scopeSpans, 'scope'), 'name') ?? '')
      for (const span of listOf(field(scopeSpans, 'spans'))) spans.push(decodeSpan(span, scope, resource))
    }
  }
  return spans
}

function decodeSpan(span: unknown, scope: string, resource: Json): CollectedSpan {
  const traceId = field(span, 'traceId')
  const spanId = field(span, 'spanId')
  if (typeof traceId !== 'string' || typeof spanId !== 'string')
    throw new Error('a span without traceId or spanId')
  const parent = field(span, 'parentSpanId')
  const status = field(span, 'status')
  const message = field(status, 'message')
  return {
    traceId,
    spanId,
    parentSpanId: typeof parent === 'string' && parent !== '' ? parent : undefined,
    name: String(field(span, 'name') ?? ''),
    kind: kinds[Number(field(span, 'kind') ?? 0)] ?? 'UNSPECIFIED',
    attributes: attributesOf(field(span, 'attributes')),
    status: {
      code: statusCodes[Number(field(status, 'code') ?? 0)] ?? 'UNSET',
      message: typeof message === 'string' && message !== '' ? message : undefined,
    },
    events: listOf(field(span, 'events')).map((event) => ({
      name: String(field(event, 'name') ?? ''),
      attributes: attributesOf(field(event, 'attributes')),
    })),
    links: listOf(field(span, 'links')).map((link) => ({
      traceId: String(field(link, 'traceId')),
      spanId: String(field(link, 'spanId')),
    })),
    scope,
    resource,
    startTimeUnixNano: String(field(span, 'startTimeUnixNano') ?? ''),
    endTimeUnixNano: String(field(span, 'endTimeUnixNano') ?? ''),
  }
}

function attributesOf(list: unknown): Json {
  const attributes: Record<string, unknown> = {}
  for (const entry of listOf(list)) {
    const key = field(entry, 'key')
    // Own keys only, defined, not assigned: a key named `__proto__` is an attribute like any other.
    if (typeof key === 'string') {
      Object.defineProperty(attributes, key, {
        value: attributeValue(field(entry, 'value')),
        enumerable: true,
        writable: true,
        configurable: true,
      })
    }
  }
  return attributes
}

function attributeValue(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return undefined
  const any = value as Json
  if ('stringValue' in any) return any.stringValue
  if ('boolValue' in any) return any.boolValue
  if ('intValue' in any) return Number(any.intValue)
  if ('doubleValue' in any) return Number(any.doubleValue)
  if ('arrayValue' in any) return listOf(field(any.arrayValue, 'values')).map(attributeValue)
  return undefined
}

function field(from: unknown, key: string): unknown {
  return typeof from === 'object' && from !== null && Object.hasOwn(from, key)
    ? (from as Json)[key]
    : undefined
}

function listOf(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : []
}
