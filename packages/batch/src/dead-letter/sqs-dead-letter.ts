import { createHash } from 'node:crypto'
import {
  awsClientMade,
  checkOptions,
  importOptionalPeer,
  matching,
  required,
  TsumikiError,
  withMethod,
} from '@tsumiki/core'
import type { DeadLetterRecord } from './dead-letter-record.js'

/** Where permanent failures are parked. `park` answers, per record, whether it is safely stored. */
export interface DeadLetter {
  readonly name: string
  /** Where records are parked (the queue URL), named on the log line of each parked record. */
  readonly destination?: string | undefined
  park(records: readonly DeadLetterRecord[], signal: AbortSignal | undefined): Promise<readonly ParkResult[]>
}

export type ParkResult = { readonly parked: true } | { readonly parked: false; readonly error: unknown }

/** The part of an SQS client `sqsDeadLetter` uses: `SQSClient` of `@aws-sdk/client-sqs` v3. */
export interface SqsSendClient {
  send(command: never, options?: { abortSignal?: AbortSignal }): Promise<unknown>
}

export interface SqsDeadLetterOptions {
  /** The dead-letter queue's URL. A `.fifo` queue gets a deduplication id per record. */
  readonly queueUrl: string
  /** Default: an `SQSClient` of `@aws-sdk/client-sqs` made on first use, with the function's region. */
  readonly client?: SqsSendClient | undefined
}

/** The message attribute that names the parked record on a standard queue, for deduplication by the reader. */
export const deadLetterRecordIdAttribute = 'tsumiki-record-id'

const maxEntriesPerBatch = 10

interface SqsModule {
  readonly SQSClient: new (config: object) => SqsSendClient
  readonly SendMessageBatchCommand: new (input: object) => unknown
}

interface SendMessageBatchOutput {
  readonly Failed?: readonly { readonly Id?: string; readonly Code?: string; readonly Message?: string }[]
}

/**
 * Parks permanent failures on an SQS queue with SendMessageBatch (10 a call, calls in parallel). Parking is
 * idempotent per record where the queue can make it so: on a FIFO queue the deduplication id is derived from the
 * record id, so a retried batch does not park a record twice within SQS's 5-minute window; on a standard queue the
 * record id travels as the `tsumiki-record-id` message attribute for the reader to deduplicate by.
 */
export function sqsDeadLetter(options: SqsDeadLetterOptions): DeadLetter {
  checkOptions<SqsDeadLetterOptions>('sqsDeadLetter()', options, {
    queueUrl: required(matching(/^https?:\/\//)),
    client: withMethod('send'),
  })
  const { queueUrl } = options
  const fifo = queueUrl.endsWith('.fifo')
  let transport: Promise<{ module: SqsModule; client: SqsSendClient }> | undefined

  function load(): Promise<{ module: SqsModule; client: SqsSendClient }> {
    transport ??= importOptionalPeer(
      '@aws-sdk/client-sqs',
      'Parking records on a dead-letter queue',
      () => import('./sqs-sdk.js') as Promise<SqsModule>,
    ).then(
      (module) => ({ module, client: options.client ?? awsClientMade(new module.SQSClient({})) }),
      (error: unknown) => {
        transport = undefined
        throw error
      },
    )
    return transport
  }

  async function sendChunk(
    chunk: readonly DeadLetterRecord[],
    signal: AbortSignal | undefined,
  ): Promise<ParkResult[]> {
    try {
      const { module, client } = await load()
      const command = new module.SendMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: chunk.map((record, index) => entryOf(record, String(index), fifo)),
      })
      const output = (await client.send(
        command as never,
        signal === undefined ? undefined : { abortSignal: signal },
      )) as SendMessageBatchOutput
      const results: ParkResult[] = chunk.map(() => ({ parked: true }))
      for (const failed of output.Failed ?? []) {
        const index = Number(failed.Id)
        if (!Number.isInteger(index) || results[index] === undefined) continue
        results[index] = {
          parked: false,
          error: new TsumikiError(
            'DEAD_LETTER_FAILED',
            `SendMessageBatch refused the record: ${failed.Code ?? 'unknown'} ${failed.Message ?? ''}`.trim(),
          ),
        }
      }
      return results
    } catch (cause) {
      const error =
        cause instanceof TsumikiError
          ? cause
          : new TsumikiError('DEAD_LETTER_FAILED', 'SendMessageBatch to the dead-letter queue failed', {
              cause,
            })
      return chunk.map(() => ({ parked: false, error }))
    }
  }

  return {
    name: 'sqsDeadLetter',
    destination: queueUrl,
    async park(records, signal) {
      const chunks: DeadLetterRecord[][] = []
      for (let start = 0; start < records.length; start += maxEntriesPerBatch) {
        chunks.push(records.slice(start, start + maxEntriesPerBatch))
      }
      const results = await Promise.all(chunks.map((chunk) => sendChunk(chunk, signal)))
      return results.flat()
    },
  }
}

function entryOf(record: DeadLetterRecord, id: string, fifo: boolean): object {
  const entry = {
    Id: id,
    MessageBody: JSON.stringify(record),
    MessageAttributes: {
      [deadLetterRecordIdAttribute]: { DataType: 'String', StringValue: record.recordId },
    },
  }
  if (!fifo) return entry
  // One group per source: parked records stay in the order they were parked. The id is a hash, as SQS allows
  // at most 128 characters of a restricted set and record ids are longer.
  return {
    ...entry,
    MessageGroupId: createHash('sha256')
      .update(record.sourceArn ?? record.source)
      .digest('hex'),
    MessageDeduplicationId: createHash('sha256')
      .update(`${record.sourceArn ?? record.source}\n${record.recordId}`)
      .digest('hex'),
  }
}
