import { type EventRecords, InvalidEventError } from '@tsumiki/core'
import type { BatchSourceTable } from '../../run-batch/batch-source-table.js'
import type { KafkaEvent, KafkaRecord } from './kafka-event.js'
import { KafkaRequestObject, kafkaRecordId } from './kafka-request.js'
import type { KafkaValueDecoder } from './kafka-value.js'

/** How Kafka's response names a record: Lambda resumes each topic-partition from the offset named for it. */
export interface KafkaItemIdentifier {
  readonly partition: string
  readonly offset: number
}

/** Kafka as `runBatch()` sees it, its requests' values read by `decoder`. */
export function kafkaTable<TValue>(
  decoder: KafkaValueDecoder<TValue>,
): BatchSourceTable<KafkaEvent, KafkaRecord, KafkaRequestObject<TValue>, KafkaItemIdentifier> {
  return {
    source: 'kafka',
    records: readKafkaRecords,
    toRequest: (invocation, event, record, capabilities) =>
      new KafkaRequestObject(invocation, event, record, capabilities, decoder),
    // Order holds within a topic-partition, and each topic-partition resumes from its own checkpoint.
    orderBy: topicPartition,
    heldBackBecause: 'an earlier record of the same topic-partition failed',
    report: 'checkpoint-per-key',
    itemIdentifierOf: (record) => ({ partition: topicPartition(record), offset: record.offset }),
    deadLetterOf: (record, event) => ({ sourceArn: event.eventSourceArn, record }),
  }
}

function topicPartition(record: KafkaRecord): string {
  return `${record.topic}-${record.partition}`
}

/** Every record of every topic-partition, in delivery order. A record without its place could not be reported. */
function readKafkaRecords(event: KafkaEvent): EventRecords<KafkaRecord> {
  const byPartition: unknown = (event as Partial<KafkaEvent> | null)?.records
  if (typeof byPartition !== 'object' || byPartition === null) {
    throw new InvalidEventError('kafka', 'it has no records')
  }
  const records: KafkaRecord[] = []
  for (const partition of Object.values(byPartition)) {
    if (!Array.isArray(partition)) throw new InvalidEventError('kafka', 'a topic-partition is not a list')
    for (const record of partition as (KafkaRecord | null)[]) {
      if (
        typeof record?.topic !== 'string' ||
        !Number.isInteger(record.partition) ||
        !Number.isInteger(record.offset)
      ) {
        throw new InvalidEventError('kafka', 'a record has no topic, partition or offset to report it by')
      }
      records.push(record)
    }
  }
  return { records, ids: records.map(kafkaRecordId) }
}
