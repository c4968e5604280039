import type { Context } from 'aws-lambda'
import type { Invocation } from './invocation.js'

/** Where a request keeps its invocation. A global symbol, so copies of core loaded side by side agree. */
export const invocationKey: unique symbol = Symbol.for('tsumiki.invocation') as never

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
}

/**
 * Base class of the request objects adapters create. The invocation's fields are getters on the prototype, so a
 * request costs one small object; the signal is only made when read.
 */
export class RequestBase<TEvent = unknown> implements InvocationRequest<TEvent> {
  readonly [invocationKey]: Invocation
  readonly kind: RequestKind
  readonly event: TEvent
  readonly correlationId: string | undefined

  constructor(invocation: Invocation, kind: RequestKind, event: TEvent, correlationId: string | undefined) {
    this[invocationKey] = invocation
    this.kind = kind
    this.event = event
    this.correlationId = correlationId
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
