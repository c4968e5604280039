import { type EventRecords, InvalidEventError } from '@tsumiki/core'
import type { MSKEvent, MSKRecord } from 'aws-lambda'
import type { BatchSourceTable } from '../../../src/index.js'
import { KafkaRequestObject, kafkaRecordId } from './kafka-request.js'

/** How Kafka's response names a record: Lambda resumes each topic-partition from the offset named for it. */
export interface KafkaItemIdentifier {
  readonly partition: string
  readonly offset: number
}

export const kafkaTable: BatchSourceTable<MSKEvent, MSKRecord, KafkaRequestObject, KafkaItemIdentifier> = {
  source: 'kafka',
  records: readKafkaRecords,
  toRequest: (invocation, event, record, capabilities) =>
    new KafkaRequestObject(invocation, event, record, capabilities),
  // Order holds within a topic-partition, and each topic-partition resumes from its own checkpoint.
  orderBy: topicPartition,
  heldBackBecause: 'an earlier record of the same topic-partition failed',
  report: 'checkpoint-per-key',
  itemIdentifierOf: (record) => ({ partition: topicPartition(record), offset: record.offset }),
  deadLetterOf: (record, event) => ({ sourceArn: event.eventSourceArn, record }),
}

function topicPartition(record: MSKRecord): string {
  return `${record.topic}-${record.partition}`
}

/** Every record of every topic-partition, in delivery order. A record without its place could not be reported. */
function readKafkaRecords(event: MSKEvent): EventRecords<MSKRecord> {
  const byPartition: unknown = (event as Partial<MSKEvent> | null)?.records
  if (typeof byPartition !== 'object' || byPartition === null) {
    throw new InvalidEventError('kafka', 'it has no records')
  }
  const records: MSKRecord[] = []
  for (const partition of Object.values(byPartition)) {
    if (!Array.isArray(partition)) throw new InvalidEventError('kafka', 'a topic-partition is not a list')
    for (const record of partition as (MSKRecord | null)[]) {
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
