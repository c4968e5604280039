import type { Context, S3Event, S3EventRecord } from 'aws-lambda'
import type { Adapter } from '../../engine/adapter.js'
import type { Invocation } from '../../engine/invocation.js'
import { type InvocationRequest, RequestBase } from '../../engine/request.js'
import { InvalidEventError } from '../../errors/invalid-event-error.js'
import { runEachRecord } from '../../records/each-record.js'
import { readRecords } from '../../records/read-records.js'

/** One S3 event notification record, with its object key decoded. */
export interface S3Request extends InvocationRequest<S3Event> {
  readonly kind: 's3'
  readonly record: S3EventRecord
  /** e.g. `ObjectCreated:Put`. */
  readonly eventName: string
  readonly bucket: string
  /** The object key as stored: S3 notifications URL-encode it, with spaces as `+`. */
  readonly key: string
  readonly size: number | undefined
  readonly versionId: string | undefined
  readonly eTag: string | undefined
  /** The id this record is reported and logged under: `bucket/key`. */
  readonly recordId: string
}

export type S3Handler = (event: S3Event, context: Context) => Promise<void>

class S3RequestObject extends RequestBase<S3Event> implements S3Request {
  declare readonly kind: 's3'
  readonly record: S3EventRecord
  readonly eventName: string
  readonly bucket: string
  readonly key: string
  readonly size: number | undefined
  readonly versionId: string | undefined
  readonly eTag: string | undefined
  declare readonly recordId: string
  declare readonly eventId: string

  constructor(invocation: Invocation, event: S3Event, record: S3EventRecord) {
    const bucket = record.s3?.bucket?.name
    const key = record.s3?.object?.key
    if (typeof bucket !== 'string' || typeof key !== 'string') {
      throw new InvalidEventError('s3', 'a record has no s3.bucket.name or s3.object.key')
    }
    const decodedKey = decodeObjectKey(key)
    // An object can be written twice under one key: the sequencer tells the writes apart, and is the same on a retry.
    const eventId = `${bucket}/${decodedKey}/${record.s3.object.sequencer ?? ''}`
    super(
      invocation,
      's3',
      event,
      record.responseElements?.['x-amz-request-id'],
      eventId,
      `${bucket}/${decodedKey}`,
    )
    this.record = record
    this.eventName = record.eventName
    this.bucket = bucket
    this.key = decodedKey
    this.size = record.s3.object.size
    this.versionId = record.s3.object.versionId
    this.eTag = record.s3.object.eTag
  }
}

function decodeObjectKey(key: string): string {
  const spaced = key.replaceAll('+', ' ')
  try {
    return decodeURIComponent(spaced)
  } catch {
    return spaced
  }
}

// The id the request carries (its key decoded), so an error names a record the way its log lines do.
function recordIdOf(record: S3EventRecord): string {
  const key = record.s3?.object?.key
  return `${record.s3?.bucket?.name}/${typeof key === 'string' ? decodeObjectKey(key) : key}`
}

/** Runs the chain once per S3 record, in order; any failure fails the invocation after all records ran. */
export function s3(): Adapter<S3Request, S3Handler> {
  return {
    name: 's3',
    run: (event, invocation, chain) =>
      runEachRecord(
        's3',
        readRecords<S3EventRecord>('s3', event, 's3.bucket.name and s3.object.key', recordIdOf),
        invocation,
        (record) => new S3RequestObject(invocation, event, record),
        chain,
      ),
  }
}
