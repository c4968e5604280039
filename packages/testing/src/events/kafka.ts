import type { MSKEvent, MSKRecord, SelfManagedKafkaEvent } from 'aws-lambda'
import { defaultAccountId, defaultRegion } from '../aws-values/aws-defaults.js'
import { deepMerge } from '../deep-merge/deep-merge.js'
import type { DeepPartial } from '../deep-merge/deep-partial.js'

/**
 * A Kafka record's overrides, plus the value in the form a test has it: `json` (JSON-encoded), `text` (UTF-8) or
 * `bytes` (as they are, e.g. an Avro or Protobuf message with its schema-registry header), and `headers` as text by
 * name. Each is base64- or byte-encoded as Lambda delivers it; `value: null` is a tombstone.
 */
export type KafkaRecordOverrides = Omit<DeepPartial<MSKRecord>, 'value' | 'headers'> & {
  readonly value?: string | null
  readonly json?: unknown
  readonly text?: string
  readonly bytes?: Uint8Array
  readonly headers?: Readonly<Record<string, string>> | MSKRecord['headers']
}

const defaultClusterArn = `arn:aws:kafka:${defaultRegion}:${defaultAccountId}:cluster/my-cluster/a1b2c3d4-5678-90ab-cdef-11111EXAMPLE-1`
const defaultBootstrapServers =
  'b-1.my-cluster.abcde1.c2.kafka.us-east-1.amazonaws.com:9092,b-2.my-cluster.abcde1.c2.kafka.us-east-1.amazonaws.com:9092'

// Offsets only grow within a topic-partition, across events, as a consumer sees them: two events never share a
// record id (`<topic>-<partition>:<offset>`), which idempotency keys on.
const nextOffsets = new Map<string, number>()

/**
 * An Amazon MSK event: one record per override (one default record when called without any), grouped by
 * topic-partition under `<topic>-<partition>` in the order given, as Lambda delivers them.
 */
export function kafka(records: readonly KafkaRecordOverrides[] = [{}]): MSKEvent {
  return {
    eventSource: 'aws:kafka',
    eventSourceArn: defaultClusterArn,
    bootstrapServers: defaultBootstrapServers,
    records: grouped(records),
  }
}

/** A self-managed Apache Kafka event: as `kafka()`, without a cluster ARN. */
export function selfManagedKafka(records: readonly KafkaRecordOverrides[] = [{}]): SelfManagedKafkaEvent {
  return {
    eventSource: 'SelfManagedKafka',
    bootstrapServers: defaultBootstrapServers,
    records: grouped(records),
  }
}

/**
 * One Kafka record: topic `mytopic`, partition 0, the next offset of its topic-partition, key `recordKey`, the value
 * `{"message":"Hello from Kafka"}` unless given one, no headers.
 */
export function kafkaRecord(overrides: KafkaRecordOverrides = {}): MSKRecord {
  const { json, text, bytes, headers, value, ...recordOverrides } = overrides
  const given = [json !== undefined, text !== undefined, bytes !== undefined, value !== undefined].filter(
    Boolean,
  )
  if (given.length > 1) {
    throw new Error('Give a Kafka record one of `json`, `text`, `bytes` or `value`: each sets its value.')
  }
  const topic = recordOverrides.topic ?? 'mytopic'
  const partition = recordOverrides.partition ?? 0
  const place = `${topic}-${partition}`
  const offset = recordOverrides.offset ?? nextOffsets.get(place) ?? 0
  nextOffsets.set(place, Math.max(offset + 1, nextOffsets.get(place) ?? 0))
  const defaults: MSKRecord = {
    topic,
    partition,
    offset,
    timestamp: Date.now(),
    timestampType: 'CREATE_TIME',
    key: Buffer.from('recordKey').toString('base64'),
    value: encodedValue({ json, text, bytes, value }) as string,
    headers: headersOf(headers),
  }
  return deepMerge(defaults, recordOverrides as DeepPartial<MSKRecord>)
}

function grouped(records: readonly KafkaRecordOverrides[]): Record<string, MSKRecord[]> {
  const byPlace: Record<string, MSKRecord[]> = {}
  for (const overrides of records) {
    const record = kafkaRecord(overrides)
    const place = `${record.topic}-${record.partition}`
    byPlace[place] ??= []
    byPlace[place].push(record)
  }
  return byPlace
}

// Lambda's value is base64, or null for a tombstone (the type says string; the wire says otherwise).
function encodedValue(given: Pick<KafkaRecordOverrides, 'json' | 'text' | 'bytes' | 'value'>): string | null {
  if (given.value !== undefined) return given.value
  if (given.bytes !== undefined) return Buffer.from(given.bytes).toString('base64')
  if (given.text !== undefined) return Buffer.from(given.text, 'utf8').toString('base64')
  // JSON.stringify returns undefined, despite its type, for functions, symbols and undefined.
  const json: string | undefined = JSON.stringify(
    given.json === undefined ? { message: 'Hello from Kafka' } : given.json,
  )
  if (json === undefined) throw new TypeError('Kafka record `json` must be a JSON-encodable value.')
  return Buffer.from(json, 'utf8').toString('base64')
}

function headersOf(headers: KafkaRecordOverrides['headers']): MSKRecord['headers'] {
  if (headers === undefined) return []
  if (Array.isArray(headers)) return headers
  return Object.entries(headers as Readonly<Record<string, string>>).map(([name, text]) => ({
    [name]: [...Buffer.from(text, 'utf8')],
  }))
}
