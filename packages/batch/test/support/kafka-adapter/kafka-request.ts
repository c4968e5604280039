import { correlationIdOf, type Invocation, type RequestCapabilities, setOwn } from '@tsumiki/core'
import type { MSKEvent, MSKRecord } from 'aws-lambda'
import { BatchRequestBase, type RecordRequest } from '../../../src/index.js'

export interface KafkaRequest extends RecordRequest<MSKEvent, MSKRecord> {
  readonly kind: 'kafka'
  readonly topic: string
  readonly partition: number
  readonly offset: number
  /** The key and the value, base64-decoded to text; undefined where the record has none (a tombstone's value). */
  readonly key: string | undefined
  readonly body: string | undefined
  /** Header values by name, decoded to text. */
  readonly headers: Readonly<Record<string, string>>
}

export class KafkaRequestObject extends BatchRequestBase<MSKEvent, MSKRecord> implements KafkaRequest {
  declare readonly kind: 'kafka'
  readonly topic: string
  readonly partition: number
  readonly offset: number
  readonly key: string | undefined
  readonly body: string | undefined
  readonly headers: Readonly<Record<string, string>>

  constructor(invocation: Invocation, event: MSKEvent, record: MSKRecord, capabilities: RequestCapabilities) {
    const id = kafkaRecordId(record)
    const headers = readHeaders(record.headers)
    //    invocation, kind,    event, correlationId,                eventId, recordId, record, capabilities
    super(invocation, 'kafka', event, correlationIdOf(headers) ?? id, id, id, record, capabilities)
    this.topic = record.topic
    this.partition = record.partition
    this.offset = record.offset
    this.key = decode(record.key)
    this.body = decode(record.value)
    this.headers = headers
  }
}

/** What a record is reported and logged under: its topic-partition and offset, which no other record shares. */
export function kafkaRecordId(record: MSKRecord): string {
  return `${record.topic}-${record.partition}:${record.offset}`
}

function decode(base64: string | null | undefined): string | undefined {
  return typeof base64 === 'string' ? Buffer.from(base64, 'base64').toString('utf8') : undefined
}

function readHeaders(headers: MSKRecord['headers'] | undefined): Record<string, string> {
  const read: Record<string, string> = {}
  for (const header of headers ?? []) {
    // A header named `__proto__` is data: setOwn keeps it off the prototype.
    for (const [name, bytes] of Object.entries(header))
      setOwn(read, name, Buffer.from(bytes).toString('utf8'))
  }
  return read
}
