import {
  prepareLocalEnvironment,
  queueNameOf,
  sampleBatch,
  sampleMessageIds,
} from '@tsumiki/example-sqs-worker/local-environment'
import { events } from '@tsumiki/testing'
import type { LocalInvocation } from '@tsumiki/testing/runtime'
import type { SQSEvent } from 'aws-lambda'
import { takeAwsCalls } from './aws-calls.js'
import { failedIds } from './batch-answer.js'
import { startFunction } from './functions.js'
import { metricsLinesOf, total } from './metrics-line.js'
import { recordInvocation } from './record-invocation.js'
import { check, type InvocationRecord, type Step, type StoryServices } from './step.js'

const shortId = (messageId: string): string => `…${messageId.slice(-4)}`

function render(invocation: LocalInvocation): string {
  const failed = failedIds(invocation)
  return `batchItemFailures: [${failed.map(shortId).join(', ')}]`
}

const booked = (invocation: LocalInvocation): number =>
  invocation.logs.json.filter((line) => line.message === 'shipment booked').length

const goodIds = [sampleMessageIds.tea, sampleMessageIds.kettle, sampleMessageIds.cups]

/**
 * The shipments worker: a batch with a poison message while DynamoDB fails, the failed messages delivered again,
 * and a message delivered a third time.
 */
export async function sqsWorkerSteps(services: StoryServices): Promise<Step[]> {
  const { dynamo, aws } = services
  const env = await prepareLocalEnvironment({ dynamo, aws })
  const shipmentsTable = env.SHIPMENTS_TABLE ?? ''
  const deadLetterQueue = aws.queue(queueNameOf(env.DEAD_LETTER_QUEUE_URL ?? ''))
  const worker = await startFunction('sqs-worker', env, services)
  takeAwsCalls(dynamo, aws)
  const batch = sampleBatch()
  let failedFirst: string[] = []
  const record = (request: string, event: SQSEvent): Promise<InvocationRecord> =>
    recordInvocation(worker, request, event, render)

  return [
    {
      title: 'SQS batch of 4 — one poison message, while the shipments table is failing',
      shows:
        'partial batch failure: the poison message is parked on the DLQ, the failed ones are reported for retry',
      async run() {
        dynamo.inject({ operation: 'PutItem', tableName: shipmentsTable, fault: 'server-error' })
        const first = await record('SQS batch: o-1001, o-1002, o-1003, poison', batch)
        dynamo.clearFaults()
        const calls = takeAwsCalls(dynamo, aws)
        failedFirst = failedIds(first.invocation)
        const parked = deadLetterQueue.bodies() as { recordId?: string }[]
        return {
          invocations: [first],
          calls,
          checks: [
            check(
              'the three orders are reported in batchItemFailures, to come back',
              [...failedFirst].sort().join() === [...goodIds].sort().join(),
              failedFirst,
            ),
            check(
              'the poison message is not: retrying it cannot help',
              !failedFirst.includes(sampleMessageIds.poison),
              failedFirst,
            ),
            check(
              'the poison message is parked on the dead-letter queue, with why',
              parked.length === 1 && parked[0]?.recordId === sampleMessageIds.poison,
              parked,
            ),
            check('nothing booked', booked(first.invocation) === 0, `${booked(first.invocation)} booked`),
            check(
              'one metrics line for the batch: 3 records failed, 1 parked',
              metricsLinesOf(first.invocation).length === 1 &&
                total(metricsLinesOf(first.invocation), 'RecordsFailed') === 3 &&
                total(metricsLinesOf(first.invocation), 'RecordsParked') === 1,
              metricsLinesOf(first.invocation),
            ),
          ],
        }
      },
    },
    {
      title: 'SQS delivers the three failed messages again — the table has recovered',
      shows: 'a failed record released its idempotency claim, so the retry does the work',
      async run() {
        const retried = events.sqs(
          batch.Records.filter((each) => failedFirst.includes(each.messageId)).map((each) => ({
            messageId: each.messageId,
            body: each.body,
          })),
        )
        const second = await record('SQS batch: o-1001, o-1002, o-1003 (again)', retried)
        const writes = dynamo.calls('PutItem', shipmentsTable)
        const calls = takeAwsCalls(dynamo, aws)
        return {
          invocations: [second],
          calls,
          checks: [
            check('no failures', failedIds(second.invocation).length === 0, failedIds(second.invocation)),
            check(
              'three shipments booked, one write each',
              booked(second.invocation) === 3 && writes === 3,
              `${booked(second.invocation)} booked, ${writes} PutItem`,
            ),
            check('the dead-letter queue still holds one message', deadLetterQueue.bodies().length === 1),
            check(
              'the metrics line counts three shipments booked',
              total(metricsLinesOf(second.invocation), 'shipmentsBooked') === 3,
              metricsLinesOf(second.invocation),
            ),
          ],
        }
      },
    },
    {
      title: 'SQS delivers o-1001 a third time — at-least-once delivery',
      shows: 'idempotency by message id: the duplicate is answered from the table, not booked twice',
      async run() {
        const [tea] = batch.Records
        const third = await record(
          'SQS batch: o-1001 (duplicate)',
          events.sqs([{ messageId: tea?.messageId ?? '', body: tea?.body ?? '' }]),
        )
        const writes = dynamo.calls('PutItem', shipmentsTable)
        const calls = takeAwsCalls(dynamo, aws)
        return {
          invocations: [third],
          calls,
          checks: [
            check('no failures', failedIds(third.invocation).length === 0, failedIds(third.invocation)),
            check(
              'not booked again',
              booked(third.invocation) === 0 && writes === 0,
              `${writes} PutItem on the shipments table`,
            ),
          ],
        }
      },
    },
  ]
}
