import { describe, expect, it } from 'vitest'
import { events } from '../../src/index.js'

describe('events.eventBridge', () => {
  it('makes a realistic custom event by default', () => {
    const event = events.eventBridge()
    expect(event).toMatchObject({
      version: '0',
      account: '123456789012',
      region: 'us-east-1',
      source: 'com.example.app',
      'detail-type': 'Example Event',
      resources: [],
      detail: {},
    })
    expect(event.time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/)
  })

  it('gives every event a fresh id', () => {
    expect(events.eventBridge().id).not.toBe(events.eventBridge().id)
  })

  it('takes a typed detail type and detail', () => {
    const event = events.eventBridge<'OrderPlaced', { orderId: string; total: number }>({
      source: 'com.example.orders',
      'detail-type': 'OrderPlaced',
      detail: { orderId: 'o-1', total: 42 },
    })
    expect(event['detail-type']).toBe('OrderPlaced')
    expect(event.detail).toEqual({ orderId: 'o-1', total: 42 })
  })

  it('replaces resources rather than merging them', () => {
    const event = events.eventBridge({ resources: ['arn:aws:s3:::my-bucket'] })
    expect(event.resources).toEqual(['arn:aws:s3:::my-bucket'])
  })
})

describe('events.schedule', () => {
  it('makes a scheduled event from a rule, timed at the start of a minute', () => {
    const event = events.schedule()
    expect(event).toMatchObject({
      'detail-type': 'Scheduled Event',
      source: 'aws.events',
      account: '123456789012',
      region: 'us-east-1',
      resources: ['arn:aws:events:us-east-1:123456789012:rule/my-schedule'],
      detail: {},
    })
    expect(event.time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00Z$/)
  })

  it('derives the rule ARN from an overridden account and region', () => {
    const event = events.schedule({ account: '111122223333', region: 'eu-west-1' })
    expect(event.resources).toEqual(['arn:aws:events:eu-west-1:111122223333:rule/my-schedule'])
  })

  it('takes a given rule ARN in place of the default', () => {
    const event = events.schedule({ resources: ['arn:aws:events:us-east-1:123456789012:rule/nightly'] })
    expect(event.resources).toEqual(['arn:aws:events:us-east-1:123456789012:rule/nightly'])
  })
})
