/**
 * The event has no `time` to derive the report's day from. The report never falls back to the clock: a retried
 * or replayed run would report another day.
 */
export class MissingScheduleTimeError extends Error {
  override readonly name = 'MissingScheduleTimeError'
  readonly code = 'MISSING_SCHEDULE_TIME'

  constructor(eventId: string | undefined) {
    super(
      `The scheduled event ${eventId ?? '(without id)'} has no valid "time": invoke the function with an ` +
        'EventBridge Scheduled Event (or any event with an ISO 8601 "time" of the run to report for).',
    )
  }
}
