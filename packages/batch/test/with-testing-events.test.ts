import { lambda } from '@tsumiki/core'
import { createContext, events } from '@tsumiki/testing'
import { describe, expect, it } from 'vitest'
import { dynamodbStreams, kinesis, sqs } from '../src/index.js'
import { captureStderrPerTest } from './support/fixtures.js'

// Core's lines are captured, not written.
captureStderrPerTest()

// The adapters accept the events of @tsumiki/testing (typed with @types/aws-lambda) as they are.

describe('with @tsumiki/testing events', () => {
  it('sqs() reads a FIFO event and reports its failures in order', async () => {
    const event = events.sqs(
      [
        { body: '{"n":1}', attributes: { MessageGroupId: 'a' } },
        { body: '{"n":2}', attributes: { MessageGroupId: 'a' } },
        { body: '{"n":3}', attributes: { MessageGroupId: 'b' } },
      ],
      { fifo: true },
    )
    const handler = lambda(sqs()).handle(({ body }) => {
      if (body === '{"n":2}') throw new Error('poison')
    })
    const response = await handler(event, createContext())
    expect(response.batchItemFailures.map((f) => f.itemIdentifier)).toEqual([
      event.Records[1]?.messageId,
      event.Records[2]?.messageId,
    ])
  })

  it('kinesis() decodes the json shorthand and reports the checkpoint', async () => {
    const event = events.kinesis([{ json: { n: 1 } }, { json: { n: 2 } }, { json: { n: 3 } }])
    const bodies: string[] = []
    const handler = lambda(kinesis()).handle(({ body }) => {
      bodies.push(body)
      if (body === '{"n":2}') throw new Error('poison')
    })
    const response = await handler(event, createContext())
    expect(bodies).toEqual(['{"n":1}', '{"n":2}'])
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: event.Records[1]?.kinesis.sequenceNumber }])
  })

  it('dynamodbStreams() unmarshalls the newItem/oldItem/keys shorthands back to the same objects', async () => {
    const event = events.dynamodbStream([
      {
        eventName: 'MODIFY',
        keys: { id: 'o-1' },
        oldItem: { id: 'o-1', total: 40 },
        newItem: { id: 'o-1', total: 42 },
      },
    ])
    const seen: unknown[] = []
    const handler = lambda(dynamodbStreams()).handle(({ keys, newImage, oldImage }) => {
      seen.push({ keys, newImage, oldImage })
    })
    await handler(event, createContext({ remainingMs: 5_000 }))
    expect(seen).toEqual([
      { keys: { id: 'o-1' }, newImage: { id: 'o-1', total: 42 }, oldImage: { id: 'o-1', total: 40 } },
    ])
  })
})
