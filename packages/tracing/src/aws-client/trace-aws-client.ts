import type { Attributes, Span } from '@opentelemetry/api'
import type { AwsClientWithStack } from '@tsumiki/core'
import { loadOtelApi, type OtelApi } from '../otel-api/load-otel-api.js'
import { recordFailure } from '../span-status/record-failure.js'
import { tracerName } from '../tracing/tracer-name.js'

/** `CLIENT` in the API's `SpanKind`. */
const clientKind = 2
/** Marks a client already traced, so tsumiki's hook and the user's call never add the step twice. */
const tracedKey = Symbol.for('tsumiki.aws-client-traced')

/** The middleware stack as this step uses it (the SDK's own type, spelled with only what is used). */
interface MiddlewareStack {
  add(
    middleware: (
      next: (args: unknown) => Promise<SdkOutput>,
      context: SdkContext,
    ) => (args: unknown) => Promise<SdkOutput>,
    options: { step: 'initialize'; name: string; override?: boolean },
  ): void
}

interface SdkContext {
  readonly clientName?: string
  readonly commandName?: string
}

interface SdkOutput {
  readonly output?: { readonly $metadata?: SdkMetadata }
  readonly response?: unknown
}

interface SdkMetadata {
  readonly requestId?: string
  readonly httpStatusCode?: number
  readonly attempts?: number
}

let api: Promise<OtelApi> | undefined

/**
 * Makes every call of an AWS SDK v3 client a CLIENT span, a child of the span active when it is made (the
 * invocation's, a record's, one of yours): `traceAwsClient(new DynamoDBClient({}))`. A step on the client's
 * middleware stack, not a patched module: only the clients you pass are traced. Named `DynamoDB.PutItem`, with the
 * RPC conventions (`rpc.system: aws-api`, `rpc.service`, `rpc.method`), `aws.request_id`, the HTTP status and the
 * attempts the SDK made; a failed call is recorded with its error. tsumiki's own clients (parameters, idempotency,
 * dead-letter parking) are traced this way whenever `tracing()` is in a chain. Returns the client.
 */
export function traceAwsClient<Client extends AwsClientWithStack>(client: Client): Client {
  const marked = client as Client & { [tracedKey]?: true }
  if (marked[tracedKey]) return client
  Object.defineProperty(marked, tracedKey, { value: true })
  ;(client.middlewareStack as unknown as MiddlewareStack).add(
    (next, context) => async (args) => {
      api ??= loadOtelApi('traceAwsClient()')
      const { trace, context: contexts } = await api
      const service = (context.clientName ?? 'AWS').replace(/Client$/, '')
      const operation = (context.commandName ?? 'Call').replace(/Command$/, '')
      const attributes: Attributes = {
        'rpc.system': 'aws-api',
        'rpc.service': service,
        'rpc.method': operation,
      }
      const span = trace
        .getTracer(tracerName)
        .startSpan(`${service}.${operation}`, { kind: clientKind, attributes })
      try {
        const result = await contexts.with(trace.setSpan(contexts.active(), span), () => next(args))
        recordMetadata(span, result.output?.$metadata)
        return result
      } catch (error) {
        recordMetadata(span, (error as { readonly $metadata?: SdkMetadata } | undefined)?.$metadata)
        recordFailure(span, error, false)
        throw error
      } finally {
        span.end()
      }
    },
    { step: 'initialize', name: 'tsumikiTracing', override: true },
  )
  return client
}

function recordMetadata(span: Span, metadata: SdkMetadata | undefined): void {
  if (metadata === undefined || !span.isRecording()) return
  if (typeof metadata.requestId === 'string') span.setAttribute('aws.request_id', metadata.requestId)
  if (typeof metadata.httpStatusCode === 'number')
    span.setAttribute('http.response.status_code', metadata.httpStatusCode)
  if (typeof metadata.attempts === 'number') span.setAttribute('aws.attempts', metadata.attempts)
}
