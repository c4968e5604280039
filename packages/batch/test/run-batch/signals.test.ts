import { SQSClient } from '@aws-sdk/client-sqs'
import { lambda, type SignalArguments } from '@tsumiki/core'
import { type LocalAws, startLocalAws } from '@tsumiki/testing'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { observingSignals } from '../../../../test/support/observing-signals.js'
import { permanent, sqs, sqsDeadLetter } from '../../src/index.js'
import { captureStderr, createContext, sqsEvent } from '../support/fixtures.js'

/*
 * runBatch() reports what became of every record as a `batch.record` signal (core's signals, which metrics() counts):
 * once per record, after the batch ran, about the record's own request.
 */

let aws: LocalAws
let client: SQSClient
let stderr: ReturnType<typeof captureStderr>

beforeAll(async () => {
  aws = await startLocalAws({ queues: ['parked'] })
  client = new SQSClient({
    endpoint: aws.endpoint,
    region: aws.region,
    credentials: aws.credentials,
    maxAttempts: 1,
  })
})
afterAll(async () => {
  client.destroy()
  await aws.stop()
})
beforeEach(() => {
  stderr = captureStderr()
})
afterEach(() => stderr.restore())

/** A `batch.record` signal, typed as one. */
function isBatchRecord(
  signal: SignalArguments,
): signal is Extract<SignalArguments, ['batch.record', ...unknown[]]> {
  return signal[0] === 'batch.record'
}

const outcomes = (received: readonly SignalArguments[]) =>
  received.filter(isBatchRecord).map(([, fields]) => fields)

describe('batch.record signals', () => {
  it('name every record of a FIFO batch: succeeded, failed, and those not run after the failure', async () => {
    const received: SignalArguments[] = []
    const handler = lambda(sqs())
      .use(observingSignals((signal) => received.push(signal)))
      .handle(({ messageId }) => {
        if (messageId === 'm2') throw new Error('database down')
      })
    const response = await handler(
      sqsEvent(
        [
          { id: 'm1', groupId: 'g' },
          { id: 'm2', groupId: 'g' },
          { id: 'm3', groupId: 'g' },
        ],
        { fifo: true },
      ),
      createContext(),
    )
    expect(response.batchItemFailures.map((failure) => failure.itemIdentifier)).toEqual(['m2', 'm3'])
    expect(outcomes(received)).toEqual([
      { source: 'sqs', recordId: 'm1', outcome: 'succeeded' },
      { source: 'sqs', recordId: 'm2', outcome: 'failed' },
      { source: 'sqs', recordId: 'm3', outcome: 'not-run' },
    ])
  })

  it('name a record parked on the dead-letter queue as parked, about its own request', async () => {
    const received: SignalArguments[] = []
    const requests = new Map<string, object>()
    const handler = lambda(sqs({ deadLetter: sqsDeadLetter({ queueUrl: aws.queue('parked').url, client }) }))
      .use(observingSignals((signal) => received.push(signal)))
      .handle((request) => {
        requests.set(request.messageId, request)
        if (request.messageId === 'poison') throw permanent(new Error('unknown product'))
      })
    const response = await handler(sqsEvent(['fine', 'poison']), createContext())
    expect(response.batchItemFailures).toEqual([])
    const batchSignals = received.filter(isBatchRecord)
    expect(batchSignals.map(([, fields, from]) => [fields.outcome, from])).toEqual([
      ['succeeded', requests.get('fine')],
      ['parked', requests.get('poison')],
    ])
    expect(aws.queue('parked').bodies()).toHaveLength(1)
  })
})
