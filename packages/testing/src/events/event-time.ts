/** EventBridge's `time` format: ISO 8601 to the second, without milliseconds. */
export function formatEventTime(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`
}
