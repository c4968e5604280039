import { InvalidEventError, lambda, middleware } from '@tsumiki/core'
import { describe, expect, it } from 'vitest'
import { type DynamoDbStreamRequest, dynamodbStreams } from '../../../src/index.js'
import {
  captureStderrPerTest,
  createContext,
  dynamodbEvent,
  failedIds,
  sleep,
} from '../../support/fixtures.js'

const stderr = captureStderrPerTest()

describe('dynamodbStreams() request', () => {
  it('unmarshalls keys and images to plain objects with @aws-sdk/util-dynamodb', async () => {
    const seen: Array<
      Pick<DynamoDbStreamRequest, 'kind' | 'recordId' | 'eventName' | 'keys' | 'newImage' | 'oldImage'>
    > = []
    const handler = lambda(dynamodbStreams()).handle((request) => {
      const { kind, recordId, eventName, keys, newImage, oldImage } = request
      seen.push({ kind, recordId, eventName, keys, newImage, oldImage })
    })
    const event = dynamodbEvent([
      {
        sequenceNumber: '111',
        eventName: 'MODIFY',
        keys: { pk: { S: 'order#1' } },
        newImage: { pk: { S: 'order#1' }, total: { N: '42' }, tags: { SS: ['a'] }, paid: { BOOL: true } },
        oldImage: { pk: { S: 'order#1' }, total: { N: '40' } },
      },
      {
        sequenceNumber: '112',
        eventName: 'REMOVE',
        keys: { pk: { S: 'order#2' } },
        oldImage: { pk: { S: 'order#2' } },
      },
    ])
    await handler(event, createContext())
    expect(seen).toEqual([
      {
        kind: 'dynamodb',
        recordId: '111',
        eventName: 'MODIFY',
        keys: { pk: 'order#1' },
        newImage: { pk: 'order#1', total: 42, tags: new Set(['a']), paid: true },
        oldImage: { pk: 'order#1', total: 40 },
      },
      {
        kind: 'dynamodb',
        recordId: '112',
        eventName: 'REMOVE',
        keys: { pk: 'order#2' },
        newImage: undefined,
        oldImage: { pk: 'order#2' },
      },
    ])
  })

  it('unmarshalls an image only when it is read, and once', async () => {
    const unmarshalled: string[] = []
    const adapter = dynamodbStreams({
      unmarshall: (image) => {
        unmarshalled.push(Object.keys(image).join(','))
        return { ...image }
      },
    })
    const handler = lambda(adapter).handle((request) => {
      if (request.eventName === 'INSERT') {
        void request.newImage
        void request.newImage
      }
    })
    const event = dynamodbEvent([
      { sequenceNumber: '1', eventName: 'INSERT', newImage: { pk: { S: 'x' }, a: { S: 'y' } } },
      { sequenceNumber: '2', eventName: 'MODIFY', newImage: { pk: { S: 'x' } } },
    ])
    await handler(event, createContext())
    expect(unmarshalled).toEqual(['pk,a'])
  })

  it('lets a middleware replace an image through next()', async () => {
    const seen: unknown[] = []
    const parseImage = middleware<DynamoDbStreamRequest, { newImage: { pk: string; parsed: true } }>({
      name: 'parseImage',
      handle: (request, next) => next({ newImage: { pk: String(request.newImage?.pk), parsed: true } }),
    })
    const handler = lambda(dynamodbStreams())
      .use(parseImage)
      .handle(({ newImage }) => {
        seen.push(newImage)
      })
    await handler(dynamodbEvent([{ sequenceNumber: '1', newImage: { pk: { S: 'x' } } }]), createContext())
    expect(seen).toEqual([{ pk: 'x', parsed: true }])
  })
})

describe('dynamodbStreams() failures', () => {
  it('stops at the first failure in shard order and reports it', async () => {
    const ran: string[] = []
    const handler = lambda(dynamodbStreams()).handle(async ({ recordId }) => {
      ran.push(recordId)
      await sleep(0)
      if (recordId === '2') throw new Error('2 failed')
    })
    const event = dynamodbEvent(['1', '2', '3'].map((sequenceNumber) => ({ sequenceNumber })))
    expect(failedIds(await handler(event, createContext()))).toEqual(['2'])
    expect(ran).toEqual(['1', '2'])
  })

  it('with concurrency, keeps each item in order and starts nothing after the failure', async () => {
    const ran: string[] = []
    let releaseSlow: () => void = () => {}
    const slowWaits = new Promise<void>((resolve) => {
      releaseSlow = resolve
    })
    const handler = lambda(dynamodbStreams({ concurrency: 3 })).handle(async ({ recordId, keys }) => {
      ran.push(recordId)
      if (keys.pk === 'slow') await slowWaits
      if (recordId === '2') {
        setTimeout(releaseSlow, 0)
        throw new Error('2 failed')
      }
    })
    const event = dynamodbEvent([
      { sequenceNumber: '1', keys: { pk: { S: 'slow' } } },
      { sequenceNumber: '2', keys: { pk: { S: 'fast' } } },
      { sequenceNumber: '3', keys: { pk: { S: 'fast' } } },
      { sequenceNumber: '4', keys: { pk: { S: 'slow' } } },
    ])
    expect(failedIds(await handler(event, createContext()))).toEqual(['2'])
    expect(ran).toEqual(['1', '2'])
  })

  it('fails a record without an eventName at its place in the order, and reports it', async () => {
    const handler = lambda(dynamodbStreams()).handle(() => {})
    const event = dynamodbEvent([{ sequenceNumber: '1' }, { sequenceNumber: '2' }, { sequenceNumber: '3' }])
    delete (event.Records[1] as { eventName?: string }).eventName
    expect(failedIds(await handler(event, createContext()))).toEqual(['2'])
    expect(stderr.lines()[0]).toMatchObject({
      message: 'Record failed',
      record_id: '2',
      error: { code: 'INVALID_EVENT' },
    })
  })

  it('throws InvalidEventError for a record without a sequence number', async () => {
    const handler = lambda(dynamodbStreams()).handle(() => {})
    await expect(handler({ Records: [{ eventName: 'INSERT' }] }, createContext())).rejects.toBeInstanceOf(
      InvalidEventError,
    )
  })
})
