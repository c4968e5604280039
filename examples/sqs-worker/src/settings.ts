/**
 * The environment variables the function reads once at cold start, by setting (core's `settingsFrom()`: every
 * missing one named at once, no default). The stack and the local environment set them by these names.
 */
export const settingNames = {
  /** The table booked shipments are written to. */
  shipmentsTable: 'SHIPMENTS_TABLE',
  /** The idempotency table's name. */
  idempotencyTable: 'IDEMPOTENCY_TABLE',
  /** The queue poison messages are parked on. */
  deadLetterQueueUrl: 'DEAD_LETTER_QUEUE_URL',
} as const
