/**
 * The environment variables the function reads once at cold start, by setting (core's `settingsFrom()`: every
 * missing one named at once, no default). The stack and the local environment set them by these names.
 */
export const settingNames = {
  /** The table of per-customer totals the stream is projected into. */
  projectionTable: 'PROJECTION_TABLE',
  /** The queue poison records are parked on. */
  deadLetterQueueUrl: 'DEAD_LETTER_QUEUE_URL',
} as const
