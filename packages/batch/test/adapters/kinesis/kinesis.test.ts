import { InvalidEventError, lambda, RecordsFailedError } from '@tsumiki/core'
import { describe, expect, it } from 'vitest'
import { type KinesisRequest, kinesis } from '../../../src/index.js'
import {
  captureStderrPerTest,
  createContext,
  failedIds,
  kinesisEvent,
  sleep,
} from '../../support/fixtures.js'

// Core's lines are captured, not written.
captureStderrPerTest()

describe('kinesis() request', () => {
  it('decodes the data to text and carries the sequence number, partition key and arrival time', async () => {
    const seen: KinesisRequest[] = []
    const handler = lambda(kinesis()).handle((request) => {
      seen.push(request)
    })
    const event = kinesisEvent([{ sequenceNumber: '100', partitionKey: 'order-7', data: '{"total":42}' }])
    await handler(event, createContext())
    expect(seen[0]).toMatchObject({
      kind: 'kinesis',
      recordId: '100',
      sequenceNumber: '100',
      partitionKey: 'order-7',
      body: '{"total":42}',
      arrivedAtMs: 1700000000123,
      correlationId: 'shardId-000000000000:100',
    })
    expect(seen[0]?.record).toBe(event.Records[0])
  })
})

describe('kinesis() in shard order (default)', () => {
  it('stops at the first failure and reports only it: Lambda resumes the shard there', async () => {
    const ran: string[] = []
    const handler = lambda(kinesis()).handle(async ({ sequenceNumber }) => {
      ran.push(sequenceNumber)
      await sleep(0)
      if (sequenceNumber === '3') throw new Error('3 failed')
    })
    const event = kinesisEvent(['1', '2', '3', '4', '5'].map((sequenceNumber) => ({ sequenceNumber })))
    const response = await handler(event, createContext())
    expect(ran).toEqual(['1', '2', '3'])
    expect(failedIds(response)).toEqual(['3'])
  })

  it('answers no failures when every record succeeds', async () => {
    const handler = lambda(kinesis()).handle(() => {})
    expect(await handler(kinesisEvent([{ sequenceNumber: '1' }]), createContext())).toEqual({
      batchItemFailures: [],
    })
  })

  it('throws RecordsFailedError when the first record fails (nothing succeeded)', async () => {
    const handler = lambda(kinesis()).handle(() => {
      throw new Error('down')
    })
    const event = kinesisEvent([{ sequenceNumber: '1' }, { sequenceNumber: '2' }])
    const error = (await handler(event, createContext()).catch((e: unknown) => e)) as RecordsFailedError
    expect(error).toBeInstanceOf(RecordsFailedError)
    expect(error.failures.map((f) => f.recordId)).toEqual(['1', '2'])
  })

  it('reports the first record instead when throwWhenEveryRecordFails is false', async () => {
    const handler = lambda(kinesis({ throwWhenEveryRecordFails: false })).handle(() => {
      throw new Error('down')
    })
    const event = kinesisEvent([{ sequenceNumber: '1' }, { sequenceNumber: '2' }])
    expect(failedIds(await handler(event, createContext()))).toEqual(['1'])
  })
})

describe('kinesis() with partition keys in parallel', () => {
  it('keeps order within a key, goes on with earlier records of other keys, and reports the earliest failure', async () => {
    const ran: string[] = []
    let releaseB: () => void = () => {}
    const bWaits = new Promise<void>((resolve) => {
      releaseB = resolve
    })
    const handler = lambda(kinesis({ concurrency: 4 })).handle(async ({ sequenceNumber }) => {
      ran.push(sequenceNumber)
      // Record 2 (key b) finishes only after record 3 (key a) has failed.
      if (sequenceNumber === '2') await bWaits
      if (sequenceNumber === '3') {
        setTimeout(releaseB, 0)
        throw new Error('3 failed')
      }
    })
    const event = kinesisEvent([
      { sequenceNumber: '1', partitionKey: 'a' },
      { sequenceNumber: '2', partitionKey: 'b' },
      { sequenceNumber: '3', partitionKey: 'a' },
      { sequenceNumber: '4', partitionKey: 'b' },
      { sequenceNumber: '5', partitionKey: 'a' },
    ])
    const response = await handler(event, createContext())
    expect(failedIds(response)).toEqual(['3'])
    // 4 (key b) comes after the failure at 3; Lambda delivers it again, so it is not run now.
    expect(ran).toEqual(['1', '2', '3'])
  })

  it('reports an earlier failure of another key when it comes after a later one', async () => {
    const handler = lambda(kinesis({ concurrency: 2, throwWhenEveryRecordFails: false })).handle(
      async ({ sequenceNumber }) => {
        await sleep(sequenceNumber === '1' ? 10 : 0)
        if (sequenceNumber === '1' || sequenceNumber === '2') throw new Error(`${sequenceNumber} failed`)
      },
    )
    const event = kinesisEvent([
      { sequenceNumber: '1', partitionKey: 'a' },
      { sequenceNumber: '2', partitionKey: 'b' },
    ])
    expect(failedIds(await handler(event, createContext()))).toEqual(['1'])
  })
})

describe('kinesis() bad input', () => {
  it('throws InvalidEventError for a record without a sequence number', async () => {
    const handler = lambda(kinesis()).handle(() => {})
    await expect(
      handler({ Records: [{ messageId: 'm1' }] } as never, createContext()),
    ).rejects.toBeInstanceOf(InvalidEventError)
  })

  it('fails alone a record without data, at its place in the order', async () => {
    const handler = lambda(kinesis()).handle(() => {})
    const event = kinesisEvent([{ sequenceNumber: '1' }, { sequenceNumber: '2' }, { sequenceNumber: '3' }])
    ;(event.Records[1]?.kinesis as { data: unknown }).data = undefined
    expect(failedIds(await handler(event, createContext()))).toEqual(['2'])
  })
})
