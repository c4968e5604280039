import { type Adapter, checkOptions, withMethod } from '@tsumiki/core'
import type { Context } from 'aws-lambda'
import type { BatchResponse, BatchSettings } from '../../run-batch/batch-source-table.js'
import { type SharedBatchOptions, sharedBatchOptionRules } from '../../run-batch/options.js'
import { runBatch } from '../../run-batch/run-batch.js'
import type { KafkaEvent } from './kafka-event.js'
import type { KafkaRequest } from './kafka-request.js'
import { type KafkaItemIdentifier, kafkaTable } from './kafka-table.js'
import { jsonValue, type KafkaValueDecoder } from './kafka-value.js'

/**
 * The options every batch adapter takes: `concurrency` is how many topic-partitions run at once, each in offset
 * order (default 1), then `throwWhenEveryRecordFails`, `isPermanent` and `deadLetter`; and how `request.value` is
 * read (`jsonValue()` by default; `avroValue(type)`, `protobufValue(type)`, `textValue()`).
 */
export interface KafkaOptions<TValue = unknown> extends SharedBatchOptions {
  readonly value?: KafkaValueDecoder<TValue> | undefined
}

export type KafkaHandler = (
  event: KafkaEvent,
  context: Context,
) => Promise<BatchResponse<KafkaItemIdentifier>>

/**
 * Amazon MSK and self-managed Apache Kafka with partial batch responses: the chain runs once per record, in offset
 * order within each topic-partition, and the response names the earliest record not done in each topic-partition;
 * Lambda resumes each from there. Needs `FunctionResponseTypes: [ReportBatchItemFailures]` on the event source
 * mapping (provisioned mode).
 */
export function kafka<TValue = unknown>(
  options: KafkaOptions<TValue> = {},
): Adapter<KafkaRequest<TValue>, KafkaHandler> {
  checkOptions<KafkaOptions<TValue>>('kafka()', options, {
    ...sharedBatchOptionRules(),
    value: withMethod('decode'),
  })
  const settings: BatchSettings = {
    concurrency: options.concurrency ?? 1,
    throwWhenEveryRecordFails: options.throwWhenEveryRecordFails ?? true,
    isPermanent: options.isPermanent,
    deadLetter: options.deadLetter,
  }
  const table = kafkaTable<TValue>(options.value ?? (jsonValue() as KafkaValueDecoder<TValue>))
  return {
    name: 'kafka',
    run: (event, invocation, chain) => runBatch(table, settings, event, invocation, chain),
  }
}
