import { type Adapter, checkOptions } from '@tsumiki/core'
import type { Context, MSKEvent } from 'aws-lambda'
import {
  type BatchResponse,
  type BatchSettings,
  runBatch,
  type SharedBatchOptions,
  sharedBatchOptionRules,
} from '../../../src/index.js'
import type { KafkaRequest } from './kafka-request.js'
import { type KafkaItemIdentifier, kafkaTable } from './kafka-table.js'

/**
 * The options every batch adapter takes: `concurrency` is how many topic-partitions run at once, each in offset
 * order (default 1), then `throwWhenEveryRecordFails`, `isPermanent` and `deadLetter`.
 */
export type KafkaOptions = SharedBatchOptions

export type KafkaHandler = (event: MSKEvent, context: Context) => Promise<BatchResponse<KafkaItemIdentifier>>

export function kafka(options: KafkaOptions = {}): Adapter<KafkaRequest, KafkaHandler> {
  checkOptions<KafkaOptions>('kafka()', options, sharedBatchOptionRules())
  const settings: BatchSettings = {
    concurrency: options.concurrency ?? 1,
    throwWhenEveryRecordFails: options.throwWhenEveryRecordFails ?? true,
    isPermanent: options.isPermanent,
    deadLetter: options.deadLetter,
  }
  return {
    name: 'kafka',
    run: (event, invocation, chain) => runBatch(kafkaTable, settings, event, invocation, chain),
  }
}
