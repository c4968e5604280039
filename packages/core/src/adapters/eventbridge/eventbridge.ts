import type { Context, EventBridgeEvent } from 'aws-lambda'
import type { Adapter } from '../../engine/adapter.js'
import type { Invocation } from '../../engine/invocation.js'
import { type InvocationRequest, RequestBase } from '../../engine/request.js'
import { InvalidEventError } from '../../errors/invalid-event-error.js'

/** One EventBridge event. `body` is its `detail`, so the same body validation serves HTTP and EventBridge. */
export interface EventBridgeRequest<TDetailType extends string = string, TDetail = unknown>
  extends InvocationRequest<EventBridgeEvent<TDetailType, TDetail>> {
  readonly kind: 'eventbridge'
  readonly id: string
  /** The event's `source`, e.g. `com.example.orders`. */
  readonly source: string
  readonly detailType: TDetailType
  readonly detail: TDetail
  readonly body: TDetail
  readonly timeMs: number
  readonly resources: readonly string[]
}

export type EventBridgeHandler<TDetailType extends string = string, TDetail = unknown, TResult = unknown> = (
  event: EventBridgeEvent<TDetailType, TDetail>,
  context: Context,
) => Promise<TResult>

class EventBridgeRequestObject<TDetailType extends string, TDetail>
  extends RequestBase<EventBridgeEvent<TDetailType, TDetail>>
  implements EventBridgeRequest<TDetailType, TDetail>
{
  declare readonly kind: 'eventbridge'
  readonly id: string
  readonly source: string
  readonly detailType: TDetailType
  readonly detail: TDetail
  readonly body: TDetail
  readonly timeMs: number
  readonly resources: readonly string[]

  constructor(invocation: Invocation, event: EventBridgeEvent<TDetailType, TDetail>) {
    super(invocation, 'eventbridge', event, event.id, event.id)
    this.id = event.id
    this.source = event.source
    this.detailType = event['detail-type']
    this.detail = event.detail
    this.body = event.detail
    this.timeMs = Date.parse(event.time)
    this.resources = Array.isArray(event.resources) ? event.resources : []
  }
}

/** Runs the chain once per EventBridge event; the handler's result is the function's result. */
export function eventBridge<
  TDetailType extends string = string,
  TDetail = unknown,
  TResult = unknown,
>(): Adapter<
  EventBridgeRequest<TDetailType, TDetail>,
  EventBridgeHandler<TDetailType, TDetail, TResult>,
  TResult
> {
  return {
    name: 'eventbridge',
    async run(event, invocation, chain) {
      if (typeof event !== 'object' || event === null || typeof event['detail-type'] !== 'string') {
        throw new InvalidEventError('eventbridge', 'it has no detail-type')
      }
      return chain(new EventBridgeRequestObject(invocation, event))
    },
  }
}
