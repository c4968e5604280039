/** The environment variables the function reads once at cold start, by setting (core's `settingsFrom()`). */
export const settingNames = {
  /** The table the day's orders are read from, through its by-day index. */
  ordersTable: 'ORDERS_TABLE',
} as const
