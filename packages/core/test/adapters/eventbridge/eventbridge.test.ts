import { describe, expect, it } from 'vitest'
import { type EventBridgeRequest, eventBridge, InvalidEventError, lambda } from '../../../src/index.js'
import { context, eventBridgeEvent } from '../../support/index.js'

interface OrderPlaced {
  readonly orderId: string
  readonly total: number
}

describe('eventBridge()', () => {
  it('gives the detail (also as body), detail type, source, time, id and resources', async () => {
    let seen: EventBridgeRequest<'Order Placed', OrderPlaced> | undefined
    const event = eventBridgeEvent(
      'Order Placed',
      { orderId: 'ord-1', total: 42 },
      {
        id: '0d079340-135a-c8c6-95c2-41fb8f496c53',
        source: 'com.example.orders',
        time: '2024-05-01T09:30:00Z',
        resources: ['arn:aws:dynamodb:us-east-1:123456789012:table/orders'],
      },
    )
    await lambda(eventBridge<'Order Placed', OrderPlaced>()).handle((request) => {
      seen = request
    })(event, context())

    expect(seen).toMatchObject({
      kind: 'eventbridge',
      id: '0d079340-135a-c8c6-95c2-41fb8f496c53',
      source: 'com.example.orders',
      detailType: 'Order Placed',
      detail: { orderId: 'ord-1', total: 42 },
      body: { orderId: 'ord-1', total: 42 },
      timeMs: Date.parse('2024-05-01T09:30:00Z'),
      resources: ['arn:aws:dynamodb:us-east-1:123456789012:table/orders'],
      correlationId: '0d079340-135a-c8c6-95c2-41fb8f496c53',
    })
    expect(seen?.event).toBe(event)
  })

  it('returns the handler result as the function result', async () => {
    const handler = lambda(eventBridge<'Order Placed', OrderPlaced, { accepted: boolean }>()).handle(
      async (request) => ({
        accepted: request.detail.total > 0,
      }),
    )
    await expect(
      handler(eventBridgeEvent('Order Placed', { orderId: 'o', total: 3 }), context()),
    ).resolves.toEqual({
      accepted: true,
    })
  })

  it('passes a middleware result through too', async () => {
    const handler = lambda(eventBridge())
      .use({ name: 'dedupe', handle: () => 'skipped: already processed' })
      .handle(() => 'processed')
    await expect(handler(eventBridgeEvent('Anything', {}), context())).resolves.toBe(
      'skipped: already processed',
    )
  })

  it('fails the invocation with what the handler threw, so EventBridge retries it', async () => {
    const handler = lambda(eventBridge()).handle(() => {
      throw new Error('downstream unavailable')
    })
    await expect(handler(eventBridgeEvent('Anything', {}), context())).rejects.toThrow(
      'downstream unavailable',
    )
  })

  it('gives an empty resources list when the event has none', async () => {
    const event = eventBridgeEvent('Anything', {})
    const { resources: _omitted, ...withoutResources } = event
    const handler = lambda(eventBridge()).handle((request) => request.resources)
    await expect(handler(withoutResources as typeof event, context())).resolves.toEqual([])
  })

  it('throws InvalidEventError for an event without detail-type', async () => {
    const handler = lambda(eventBridge()).handle(() => 'never')
    const error = await handler({ Records: [] } as never, context()).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(InvalidEventError)
    expect((error as InvalidEventError).message).toContain('it has no detail-type')
  })
})
