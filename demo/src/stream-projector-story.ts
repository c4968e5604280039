import { GetItemCommand } from '@aws-sdk/client-dynamodb'
import {
  prepareLocalEnvironment,
  queueNameOf,
  samplePoisonRecordIndex,
  sampleStreamBatch,
  sampleStreamTotals,
} from '@tsumiki/example-stream-projector/local-environment'
import type { LocalInvocation } from '@tsumiki/testing/runtime'
import { takeAwsCalls } from './aws-calls.js'
import { failedIds } from './batch-answer.js'
import { startFunction } from './functions.js'
import { recordInvocation } from './record-invocation.js'
import { check, type Step, type StoryServices } from './step.js'

const render = (invocation: LocalInvocation): string =>
  `batchItemFailures: [${failedIds(invocation).join(', ')}]`

/** How many customers' totals an invocation changed, from its "order change projected" log lines. */
const appliedCount = (invocation: LocalInvocation): number =>
  invocation.logs.json
    .filter((line) => line.message === 'order change projected')
    .reduce((sum, line) => sum + (Array.isArray(line.applied) ? line.applied.length : 0), 0)

/**
 * The projector: a stream batch for two customers with one poison record, then the same batch delivered again
 * (a stream retries from its checkpoint), which must change no total.
 */
export async function streamProjectorSteps(services: StoryServices): Promise<Step[]> {
  const { dynamo, aws } = services
  const env = await prepareLocalEnvironment({ dynamo, aws })
  const projectionTable = env.PROJECTION_TABLE ?? ''
  const deadLetterQueue = aws.queue(queueNameOf(env.DEAD_LETTER_QUEUE_URL ?? ''))
  const projector = await startFunction('stream-projector', env, services)
  const reader = dynamo.client()
  takeAwsCalls(dynamo, aws)
  const batch = sampleStreamBatch()
  const poisonSequence = batch.Records[samplePoisonRecordIndex]?.dynamodb?.SequenceNumber

  const totalsMatch = async (): Promise<{ held: boolean; seen: unknown }> => {
    const seen: Record<string, unknown> = {}
    let held = true
    for (const [customerId, expected] of Object.entries(sampleStreamTotals)) {
      const { Item } = await reader.send(
        new GetItemCommand({
          TableName: projectionTable,
          Key: { customerId: { S: customerId } },
          ConsistentRead: true,
        }),
      )
      const actual = {
        orderCount: Number(Item?.orderCount?.N ?? Number.NaN),
        openCents: Number(Item?.openCents?.N ?? Number.NaN),
        paidCents: Number(Item?.paidCents?.N ?? Number.NaN),
      }
      seen[customerId] = actual
      held &&=
        actual.orderCount === expected.orderCount &&
        actual.openCents === expected.openCents &&
        actual.paidCents === expected.paidCents
    }
    // These reads are the demo's, not the function's: left out of the next step's count.
    takeAwsCalls(dynamo, aws)
    return { held, seen }
  }

  return [
    {
      title: 'DynamoDB Streams batch of 6 — two customers, one poison record',
      shows:
        'in order per order id, the poison record parked so the shard moves on, customer totals projected',
      async run() {
        const first = await recordInvocation(
          projector,
          'stream batch: o-1, o-2 inserted, paid, cancelled; poison; o-4',
          batch,
          render,
        )
        const calls = takeAwsCalls(dynamo, aws)
        const totals = await totalsMatch()
        const parked = deadLetterQueue.bodies() as { recordId?: string }[]
        return {
          invocations: [first],
          calls,
          checks: [
            check(
              'no failures: the shard is not held back',
              failedIds(first.invocation).length === 0,
              failedIds(first.invocation),
            ),
            check(
              'the poison record is parked on the dead-letter queue',
              parked.length === 1 && parked[0]?.recordId === poisonSequence,
              parked,
            ),
            check('totals: c-1 2 orders, 1000 open, 2500 paid; c-2 zero', totals.held, totals.seen),
          ],
        }
      },
    },
    {
      title: 'The stream delivers the same batch again — a retry from the checkpoint',
      shows: 'each change carries its stream position: one already applied is not counted twice',
      async run() {
        const again = await recordInvocation(projector, 'stream batch: the same 6 records', batch, render)
        const calls = takeAwsCalls(dynamo, aws)
        const totals = await totalsMatch()
        reader.destroy()
        return {
          invocations: [again],
          calls,
          checks: [
            check('no failures', failedIds(again.invocation).length === 0, failedIds(again.invocation)),
            check('no total changed', appliedCount(again.invocation) === 0 && totals.held, totals.seen),
          ],
        }
      },
    },
  ]
}
