import type { Context } from 'aws-lambda'
import type { Invocation } from './invocation.js'

/** Where a request keeps its invocation. A global symbol, so copies of core loaded side by side agree. */
export const invocationKey: unique symbol = Symbol.for('tsumiki.invocation') as never

/**
 * The invocation a request belongs to (every request an adapter makes has one), for a middleware's per-invocation
 * state (`local()`), its end-of-invocation work (`onEnd()`) and signal observers (`observe()`). Undefined for an
 * object no adapter made.
 */
export function invocationOf(request: object): Invocation | undefined {
  const invocation = (request as { readonly [invocationKey]?: unknown })[invocationKey]
  return typeof invocation === 'object' && invocation !== null ? (invocation as Invocation) : undefined
}

/** Which kind of source a request came from; adapters outside core add their own. */
export type RequestKind =
  | 'http'
  | 'sqs'
  | 'sns'
  | 's3'
  | 'eventbridge'
  | 'schedule'
  | 'kinesis'
  | 'dynamodb'
  | 'raw'
  | 'appsync'
  | 'websocket'
  | (string & {})

/**
 * What every request has, whatever its source. Adapters extend it with their source's fields; middlewares add
 * theirs through `next()`. Per-record sources make one request per record, all sharing one invocation.
 */
export interface InvocationRequest<TEvent = unknown> {
  readonly kind: RequestKind
  /** The raw event Lambda delivered (for per-record sources, the whole batch). */
  readonly event: TEvent
  readonly context: Context
  /** Aborts when the deadline guard fires; pass it to fetch and SDK calls so they stop in time. */
  readonly signal: AbortSignal
  /** When Lambda stops the invocation (epoch ms); `Infinity` when unknown. */
  readonly deadlineAtMs: number
  /** True for the first invocation a handler serves after its module loaded. */
  readonly coldStart: boolean
  /** The id that ties this request to its upstream: a header, a message attribute, the event id. */
  readonly correlationId: string | undefined
  /**
   * The event's own id, the same on every redelivery of it: SQS `messageId`, SNS `MessageId`, EventBridge and
   * schedule `id`, S3 `bucket/key/sequencer`, Kinesis and DynamoDB Streams `eventID`. Undefined where the source has
   * none (HTTP: a client sends an `Idempotency-Key` header instead). What idempotency keys on by default.
   */
  readonly eventId: string | undefined
  /** The id a per-record source reports and logs this record under; undefined for one request per invocation. */
  readonly recordId: string | undefined
  /**
   * What middlewares may ask of any source without knowing it (so a new adapter touches no middleware): see
   * `RequestCapabilities`.
   */
  readonly capabilities: RequestCapabilities
}

/** What an adapter declares about its requests, for middlewares that work on every source. */
export interface RequestCapabilities {
  /**
   * An `HttpError` thrown for this request becomes the answer a client receives (HTTP): a 4xx is then an answer,
   * logged at info level. Where false, any error fails the request or record.
   */
  readonly answersWithStatus: boolean
  /**
   * The media type the source declares for `body` (HTTP's `content-type`), read when asked; undefined where the
   * source declares none (queues and streams carry JSON by convention).
   */
  readonly bodyContentType: (request: object) => string | undefined
  /**
   * A header the client sent (any letter case in `name`); undefined where it sent none, or the source has no
   * headers. Idempotency reads its `Idempotency-Key` by it.
   */
  readonly headerOf: (request: object, name: string) => string | undefined
  /**
   * Who sent the request, as the front door authenticated them: one string per principal, distinct principals
   * never alike (a JSON array of the principal's kind and ids, e.g. `["iam","arn:aws:iam::123456789012:user/ana"]`).
   * Undefined where the event names no principal (a public endpoint, ALB, queues and streams). Read when asked.
   */
  readonly callerOf: (request: object) => string | undefined
  /**
   * What the client asked for, as one string that two requests share exactly when they ask the same thing (HTTP:
   * method, path, query, content type and body); undefined where the event's own id (`eventId`) says it. Read when
   * asked: idempotency compares it between requests sent with one key.
   */
  readonly fingerprintOf: (request: object) => string | undefined
  /**
   * True when the adapter logs this failure itself, once it knows what became of the record: a batch adapter with a
   * dead-letter queue logs a permanent failure it parked as a WARN, and one it could not park as an ERROR. A
   * middleware that logs failures (the logger) leaves such an error to the adapter, so it is logged once, as what it
   * came to. Absent: every failure is the middleware's to log.
   */
  readonly logsFailureItself?: (error: unknown) => boolean
}

/** The capabilities of a source that answers nothing and declares no content type: queues, streams, events. */
export const eventCapabilities: RequestCapabilities = {
  answersWithStatus: false,
  bodyContentType: () => undefined,
  headerOf: () => undefined,
  callerOf: () => undefined,
  fingerprintOf: () => undefined,
}

/**
 * Base class of the request objects adapters create. The invocation's fields are getters on the prototype, so a
 * request costs one small object; the signal is only made when read.
 */
export class RequestBase<TEvent = unknown> implements InvocationRequest<TEvent> {
  // Declared, not a class field: a field with a computed key is a statement a bundler cannot prove pure, so it kept
  // this class in every bundle. The constructor sets it all the same (a symbol key's place among the keys is unchanged).
  declare readonly [invocationKey]: Invocation
  readonly kind: RequestKind
  readonly event: TEvent
  readonly correlationId: string | undefined
  readonly eventId: string | undefined
  readonly recordId: string | undefined

  constructor(
    invocation: Invocation,
    kind: RequestKind,
    event: TEvent,
    correlationId: string | undefined,
    eventId?: string,
    recordId?: string,
  ) {
    this[invocationKey] = invocation
    this.kind = kind
    this.event = event
    this.correlationId = correlationId
    this.eventId = eventId
    this.recordId = recordId
  }

  /** Sources that answer HTTP override this. */
  get capabilities(): RequestCapabilities {
    return eventCapabilities
  }

  get context(): Context {
    return this[invocationKey].context
  }

  get signal(): AbortSignal {
    return this[invocationKey].signal
  }

  get deadlineAtMs(): number {
    return this[invocationKey].deadlineAtMs
  }

  get coldStart(): boolean {
    return this[invocationKey].coldStart
  }
}
