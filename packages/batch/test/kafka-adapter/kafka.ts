import { type Adapter, checkOptionKeys, InvalidOptionError } from '@tsumiki/core'
import type { Context, MSKEvent } from 'aws-lambda'
import {
  type BatchResponse,
  type BatchSettings,
  type PermanentFailureOptions,
  runBatch,
} from '../../src/index.js'
import type { KafkaRequest } from './kafka-request.js'
import { type KafkaItemIdentifier, kafkaTable } from './kafka-table.js'

export interface KafkaOptions extends PermanentFailureOptions {
  /** How many topic-partitions run at once, each in offset order. Default 1. */
  readonly concurrency?: number
}

export type KafkaHandler = (event: MSKEvent, context: Context) => Promise<BatchResponse<KafkaItemIdentifier>>

export function kafka(options: KafkaOptions = {}): Adapter<KafkaRequest, KafkaHandler> {
  checkOptionKeys('kafka()', options, ['concurrency', 'isPermanent', 'deadLetter'])
  const concurrency = options.concurrency ?? 1
  if (concurrency !== Number.POSITIVE_INFINITY && !(Number.isInteger(concurrency) && concurrency >= 1)) {
    throw new InvalidOptionError(
      'kafka()',
      'concurrency',
      'a whole number of at least 1, or Infinity',
      concurrency,
    )
  }
  const settings: BatchSettings = {
    concurrency,
    throwWhenEveryRecordFails: true,
    isPermanent: options.isPermanent,
    deadLetter: options.deadLetter,
  }
  return {
    name: 'kafka',
    run: (event, invocation, chain) => runBatch(kafkaTable, settings, event, invocation, chain),
  }
}
