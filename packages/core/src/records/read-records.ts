import { InvalidEventError } from '../errors/invalid-event-error.js'

export interface EventRecords<TRecord> {
  readonly records: readonly TRecord[]
  /** Each record's id, by index: what a failure is reported and logged under. */
  readonly ids: readonly string[]
}

/**
 * The `Records` array of an event (SNS, S3, SQS, Kinesis, DynamoDB Streams) and each record's id, or an
 * `InvalidEventError` before any record runs.
 *
 * A record without an id cannot be reported: leaving it out of a partial batch response would delete it (SQS) or
 * skip it (streams). So an unidentifiable record fails the whole invocation, which makes Lambda deliver the event
 * again, and running the other records first would only run them twice. Lambda always sends ids; a record without
 * one means the function is wired to another source. A record that has its id but is otherwise malformed fails
 * alone, when its request is made.
 */
export function readRecords<TRecord>(
  source: string,
  event: unknown,
  idName: string,
  idOf: (record: TRecord) => unknown,
): EventRecords<TRecord> {
  const records =
    typeof event === 'object' && event !== null ? (event as { Records?: unknown }).Records : undefined
  if (!Array.isArray(records)) throw new InvalidEventError(source, 'it has no Records array')
  const ids = new Array<string>(records.length)
  for (let index = 0; index < records.length; index++) {
    const record: unknown = records[index]
    if (typeof record !== 'object' || record === null) {
      throw new InvalidEventError(source, `Records[${index}] is not an object`)
    }
    const id = idOf(record as TRecord)
    if (typeof id !== 'string' || id === '') {
      throw new InvalidEventError(source, `Records[${index}] has no ${idName}, so it could not be reported`)
    }
    ids[index] = id
  }
  return { records: records as TRecord[], ids }
}
