import { SQSClient } from '@aws-sdk/client-sqs'
import { lambda } from '@tsumiki/core'
import { events, type LocalAws, startLocalAws } from '@tsumiki/testing'
import fc from 'fast-check'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import {
  type DeadLetterRecord,
  type KafkaItemIdentifier,
  kafka,
  kafkaRecordId,
  permanent,
  sqsDeadLetter,
} from '../../../src/index.js'
import { captureStderr, createContext } from '../../support/fixtures.js'

let aws: LocalAws
let client: SQSClient
let stderr: ReturnType<typeof captureStderr>

beforeAll(async () => {
  aws = await startLocalAws({ queues: ['kafka-poison'] })
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
  return () => stderr.restore()
})

/**
 * A record's fate: it succeeds, throws a transient error, is marked permanent by the handler, or carries a value
 * that is not JSON (a permanent failure found by the adapter's decoder).
 */
type Fate = 'ok' | 'transient' | 'permanent' | 'undecodable'

describe('property: nothing lost, nothing counted twice, per topic-partition', () => {
  it('every record is exactly one of succeeded, parked or redelivered from its topic-partition’s checkpoint', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            partition: fc.integer({ min: 0, max: 2 }),
            fate: fc.constantFrom<Fate>('ok', 'transient', 'permanent', 'undecodable'),
          }),
          { minLength: 1, maxLength: 30 },
        ),
        fc.integer({ min: 1, max: 3 }),
        fc.constantFrom<'none' | 'first-call' | 'all'>('none', 'first-call', 'all'),
        async (records, concurrency, fault) => {
          aws.queue('kafka-poison').clear()
          aws.clearFaults()
          if (fault === 'first-call')
            aws.inject({ operation: 'SendMessageBatch', fault: 'server-error', times: 1 })
          if (fault === 'all') aws.inject({ operation: 'SendMessageBatch', fault: 'server-error' })
          const event = events.kafka(
            records.map(({ partition, fate }) =>
              fate === 'undecodable'
                ? { topic: 'pay', partition, text: '{"cut' }
                : { topic: 'pay', partition, json: { fate } },
            ),
          )
          const fateOf = new Map<string, Fate>()
          const inOrder = new Map<string, string[]>() // topic-partition → its record ids, in offset order
          for (const [place, list] of Object.entries(event.records)) {
            inOrder.set(
              place,
              list.map((record) => kafkaRecordId(record)),
            )
          }
          records.forEach((record, index) => {
            // events.kafka() keeps the given order within each topic-partition.
            const list = event.records[`pay-${record.partition}`] ?? []
            const position = records
              .slice(0, index)
              .filter((other) => other.partition === record.partition).length
            const placed = list[position]
            if (placed !== undefined) fateOf.set(kafkaRecordId(placed), record.fate)
          })
          const succeeded = new Set<string>()
          const ran: string[] = []
          const handler = lambda(
            kafka({
              concurrency,
              throwWhenEveryRecordFails: false,
              deadLetter: sqsDeadLetter({ queueUrl: aws.queue('kafka-poison').url, client }),
            }),
          ).handle(({ recordId, value }) => {
            ran.push(recordId)
            const { fate } = value as { fate: Fate }
            if (fate === 'permanent') throw permanent(new Error('unknown payee'))
            if (fate === 'transient') throw new Error('throttled')
            succeeded.add(recordId)
          })
          const response = await handler(event, createContext())
          const parked = (aws.queue('kafka-poison').bodies() as DeadLetterRecord[]).map(
            (entry) => entry.recordId,
          )
          const reported = response.batchItemFailures.map(({ itemIdentifier }) => itemIdentifier)

          // At most one checkpoint per topic-partition, naming a record of it.
          const checkpoints = new Map<string, KafkaItemIdentifier>()
          for (const identifier of reported) {
            expect(checkpoints.has(identifier.partition)).toBe(false)
            expect(inOrder.get(identifier.partition)).toContain(
              `${identifier.partition}:${identifier.offset}`,
            )
            checkpoints.set(identifier.partition, identifier)
          }
          // Parked at most once, and only what can never succeed.
          expect(new Set(parked).size).toBe(parked.length)
          for (const id of parked) expect(['permanent', 'undecodable']).toContain(fateOf.get(id))

          for (const [place, ids] of inOrder) {
            const checkpoint = checkpoints.get(place)
            const at = checkpoint === undefined ? ids.length : ids.indexOf(`${place}:${checkpoint.offset}`)
            ids.forEach((id, index) => {
              const fate = fateOf.get(id)
              const isParked = parked.includes(id)
              if (index < at) expect(succeeded.has(id) !== isParked, `${id} ${fate}`).toBe(true)
              if (index === at) expect(isParked || succeeded.has(id), id).toBe(false)
              // A transient failure holds back the rest of its topic-partition. (A permanent one does not: it is
              // to be parked; if parking then fails, what ran after it runs again, as the README's guarantees say.)
              if (index > at && fault === 'none')
                expect(ran.includes(id), `${id} ran after a failure`).toBe(false)
              if (fate === 'transient') expect(index).toBeGreaterThanOrEqual(at)
              if (fault === 'all' && fate !== 'ok' && fate !== 'transient')
                expect(index).toBeGreaterThanOrEqual(at)
              if (fault === 'none' && (fate === 'permanent' || fate === 'undecodable') && index < at) {
                expect(isParked).toBe(true)
              }
            })
          }
        },
      ),
      { numRuns: 60 },
    )
  })
})
