import { randomUUID } from 'node:crypto'
import type { KinesisStreamEvent, KinesisStreamRecord } from 'aws-lambda'
import { defaultAccountId, defaultRegion } from '../aws-values/aws-defaults.js'
import { increasingDigits } from '../aws-values/increasing-digits.js'
import { deepMerge } from '../deep-merge/deep-merge.js'
import type { DeepPartial } from '../deep-merge/deep-partial.js'

/** A Kinesis record's overrides, plus `json`: a value to send as the record's data, JSON-encoded and base64-encoded. */
export type KinesisRecordOverrides = DeepPartial<KinesisStreamRecord> & { json?: unknown }

// Kinesis sequence numbers are 56 digits, starting with the shard's fixed part.
const nextSequenceNumber = increasingDigits({ length: 56, prefix: '4959033827149025660855969' })
const defaultStreamArn = `arn:aws:kinesis:${defaultRegion}:${defaultAccountId}:stream/my-stream`

/** A Kinesis Data Streams event with one record per override (one default record when called without any). */
export function kinesis(records: KinesisRecordOverrides[] = [{}]): KinesisStreamEvent {
  return { Records: records.map((overrides) => kinesisRecord(overrides)) }
}

/**
 * One Kinesis record: base64 `data` (`{"message":"Hello from Kinesis"}` unless given `kinesis.data` or
 * `json`), a fresh partition key, a sequence number greater than every earlier one, and an `eventID` that
 * names its shard and sequence number.
 */
export function kinesisRecord(overrides: KinesisRecordOverrides = {}): KinesisStreamRecord {
  const { json, ...recordOverrides } = overrides
  if (json !== undefined && recordOverrides.kinesis?.data !== undefined) {
    throw new Error('Give a Kinesis record either `json` or `kinesis.data`, not both: both set its data.')
  }
  const sequenceNumber = recordOverrides.kinesis?.sequenceNumber ?? nextSequenceNumber()
  const defaults: KinesisStreamRecord = {
    kinesis: {
      kinesisSchemaVersion: '1.0',
      partitionKey: randomUUID(),
      sequenceNumber,
      data: encodeJson(json === undefined ? { message: 'Hello from Kinesis' } : json),
      approximateArrivalTimestamp: Date.now() / 1000,
    },
    eventSource: 'aws:kinesis',
    eventVersion: '1.0',
    eventID: `shardId-000000000000:${sequenceNumber}`,
    eventName: 'aws:kinesis:record',
    invokeIdentityArn: `arn:aws:iam::${defaultAccountId}:role/my-function-role`,
    awsRegion: defaultRegion,
    eventSourceARN: defaultStreamArn,
  }
  return deepMerge(defaults, recordOverrides)
}

function encodeJson(value: unknown): string {
  // JSON.stringify returns undefined, despite its type, for functions, symbols and undefined.
  const text: string | undefined = JSON.stringify(value)
  if (text === undefined) throw new TypeError('Kinesis record `json` must be a JSON-encodable value.')
  return Buffer.from(text, 'utf8').toString('base64')
}
