import { correlationIdOf, type Invocation, type RequestCapabilities, setOwn } from '@tsumiki/core'
import { BatchRequestBase } from '../../run-batch/batch-request.js'
import type { RecordRequest } from '../../run-batch/record-request.js'
import type { KafkaEvent, KafkaRecord } from './kafka-event.js'
import { decodeValue, type KafkaValueDecoder } from './kafka-value.js'

export interface KafkaRequest<TValue = unknown> extends RecordRequest<KafkaEvent, KafkaRecord> {
  readonly kind: 'kafka'
  readonly topic: string
  readonly partition: number
  readonly offset: number
  /** The key, base64-decoded to UTF-8 text; undefined where the record has none. */
  readonly key: string | undefined
  /** The value as UTF-8 text, for `validate({ body })`; undefined for a tombstone. Decoded when first read. */
  readonly body: string | undefined
  /**
   * The value read by the adapter's `value` decoder (JSON by default), when first read; undefined for a tombstone.
   * A value the decoder cannot read throws `InvalidEventError`: that record fails, permanently.
   */
  readonly value: TValue | undefined
  /** The value's bytes, base64-decoded; undefined for a tombstone. */
  readonly valueBytes: Buffer | undefined
  /** Header values by name, decoded to text (the last, where a name repeats). */
  readonly headers: Readonly<Record<string, string>>
}

export class KafkaRequestObject<TValue>
  extends BatchRequestBase<KafkaEvent, KafkaRecord>
  implements KafkaRequest<TValue>
{
  declare readonly kind: 'kafka'
  readonly topic: string
  readonly partition: number
  readonly offset: number
  readonly key: string | undefined
  readonly headers: Readonly<Record<string, string>>
  readonly #decoder: KafkaValueDecoder<TValue>

  constructor(
    invocation: Invocation,
    event: KafkaEvent,
    record: KafkaRecord,
    capabilities: RequestCapabilities,
    decoder: KafkaValueDecoder<TValue>,
  ) {
    const id = kafkaRecordId(record)
    const headers = readHeaders(record.headers)
    //    invocation, kind,    event, correlationId,                eventId, recordId, record, capabilities
    super(invocation, 'kafka', event, correlationIdOf(headers) ?? id, id, id, record, capabilities)
    this.topic = record.topic
    this.partition = record.partition
    this.offset = record.offset
    this.key = typeof record.key === 'string' ? Buffer.from(record.key, 'base64').toString('utf8') : undefined
    this.headers = headers
    this.#decoder = decoder
  }

  // The value is read only by a handler that asks, in the form it asks for: most read one of the three.
  get valueBytes(): Buffer | undefined {
    const { value } = this.record
    return typeof value === 'string' ? Buffer.from(value, 'base64') : undefined
  }

  get body(): string | undefined {
    return this.valueBytes?.toString('utf8')
  }

  get value(): TValue | undefined {
    return decodeValue(this.#decoder, this.valueBytes, this.recordId)
  }
}

/** What a record is reported and logged under: its topic-partition and offset, which no other record shares. */
export function kafkaRecordId(record: KafkaRecord): string {
  return `${record.topic}-${record.partition}:${record.offset}`
}

function readHeaders(headers: KafkaRecord['headers']): Record<string, string> {
  const read: Record<string, string> = {}
  for (const header of headers ?? []) {
    // A header named `__proto__` is data: setOwn keeps it off the prototype.
    for (const [name, bytes] of Object.entries(header)) {
      if (Array.isArray(bytes)) setOwn(read, name, Buffer.from(bytes).toString('utf8'))
    }
  }
  return read
}
