import { InvalidEventError } from '../errors/invalid-event-error.js'

/** The `Records` array of an S3 or SNS event, or a typed error naming what arrived instead. */
export function recordsOf<TRecord>(adapter: string, event: unknown): readonly TRecord[] {
  const records =
    typeof event === 'object' && event !== null ? (event as { Records?: unknown }).Records : undefined
  if (!Array.isArray(records)) throw new InvalidEventError(adapter, 'it has no Records array')
  for (const [index, record] of records.entries()) {
    if (typeof record !== 'object' || record === null) {
      throw new InvalidEventError(adapter, `Records[${index}] is not an object`)
    }
  }
  return records as TRecord[]
}
