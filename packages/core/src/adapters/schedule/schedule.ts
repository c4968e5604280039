import type { Context, ScheduledEvent } from 'aws-lambda'
import type { Adapter } from '../../engine/adapter.js'
import type { Invocation } from '../../engine/invocation.js'
import { type InvocationRequest, RequestBase } from '../../engine/request.js'

/**
 * A scheduled run: an EventBridge rule's `Scheduled Event`, or an EventBridge Scheduler target's input (any JSON
 * the schedule was given), in `payload`.
 */
export interface ScheduleRequest<TInput = ScheduledEvent> extends InvocationRequest<TInput> {
  readonly kind: 'schedule'
  readonly payload: TInput
  /** When the run was scheduled for: the event's `time`, else when the invocation started. */
  readonly scheduledAtMs: number
  /** The rule or schedule that fired, when the event names it. */
  readonly scheduleArn: string | undefined
}

export type ScheduleHandler<TInput = ScheduledEvent> = (event: TInput, context: Context) => Promise<void>

class ScheduleRequestObject<TInput> extends RequestBase<TInput> implements ScheduleRequest<TInput> {
  declare readonly kind: 'schedule'
  readonly payload: TInput
  readonly scheduledAtMs: number
  readonly scheduleArn: string | undefined

  constructor(invocation: Invocation, event: TInput) {
    const fields = typeof event === 'object' && event !== null ? (event as Partial<ScheduledEvent>) : {}
    const id = typeof fields.id === 'string' ? fields.id : undefined
    super(invocation, 'schedule', event, id, id)
    this.payload = event
    const timeMs = typeof fields.time === 'string' ? Date.parse(fields.time) : Number.NaN
    this.scheduledAtMs = Number.isNaN(timeMs) ? Date.now() : timeMs
    const [firstResource] = Array.isArray(fields.resources) ? fields.resources : []
    this.scheduleArn = typeof firstResource === 'string' ? firstResource : undefined
  }
}

/** Runs the chain once per scheduled invocation. A failure fails the invocation, so Lambda retries it. */
export function schedule<TInput = ScheduledEvent>(): Adapter<
  ScheduleRequest<TInput>,
  ScheduleHandler<TInput>
> {
  return {
    name: 'schedule',
    async run(event, invocation, chain) {
      await chain(new ScheduleRequestObject(invocation, event))
    },
  }
}
