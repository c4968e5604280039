/**
 * The environment variables the function reads once at cold start, by setting (core's `settingsFrom()`: every
 * missing one named at once, no default). The stack and the local environment set them by these names.
 */
export const settingNames = {
  /** The table the day's orders are read from. */
  ordersTable: 'ORDERS_TABLE',
  /** The table each day's report is saved to, once. */
  reportsTable: 'REPORTS_TABLE',
} as const
