import { describe, expect, it } from 'vitest'
import { events } from '../../src/index.js'

const decode = (base64: string | null) =>
  base64 === null ? null : Buffer.from(base64, 'base64').toString('utf8')

describe('events.kafka', () => {
  it('makes one MSK record by default, as Lambda delivers it: grouped by topic-partition, base64 key and value', () => {
    const event = events.kafka()
    expect(event).toMatchObject({
      eventSource: 'aws:kafka',
      eventSourceArn: expect.stringMatching(/^arn:aws:kafka:us-east-1:123456789012:cluster\/my-cluster\//),
      bootstrapServers: expect.stringContaining(':9092'),
    })
    expect(Object.keys(event.records)).toEqual(['mytopic-0'])
    const [record] = event.records['mytopic-0'] ?? []
    expect(record).toMatchObject({
      topic: 'mytopic',
      partition: 0,
      timestampType: 'CREATE_TIME',
      headers: [],
    })
    expect(decode(record?.key ?? null)).toBe('recordKey')
    expect(JSON.parse(decode(record?.value ?? null) ?? '')).toEqual({ message: 'Hello from Kafka' })
  })

  it('groups records under <topic>-<partition> in the order given, offsets growing per topic-partition', () => {
    const event = events.kafka([
      { topic: 'orders', partition: 1 },
      { topic: 'orders', partition: 0 },
      { topic: 'orders', partition: 1 },
    ])
    expect(Object.keys(event.records)).toEqual(['orders-1', 'orders-0'])
    const [first, second] = event.records['orders-1'] ?? []
    expect((second?.offset ?? 0) - (first?.offset ?? 0)).toBe(1)
    const later = events.kafkaRecord({ topic: 'orders', partition: 1 })
    expect(later.offset).toBeGreaterThan(second?.offset ?? Number.POSITIVE_INFINITY)
  })

  it('encodes json, text and bytes values, header text as byte arrays, and keeps a tombstone’s null', () => {
    expect(JSON.parse(decode(events.kafkaRecord({ json: { id: 1 } }).value) ?? '')).toEqual({ id: 1 })
    expect(decode(events.kafkaRecord({ text: 'plain ü' }).value)).toBe('plain ü')
    expect(events.kafkaRecord({ bytes: Uint8Array.of(0, 0, 0, 0, 7, 2) }).value).toBe(
      Buffer.from([0, 0, 0, 0, 7, 2]).toString('base64'),
    )
    expect(events.kafkaRecord({ value: null }).value).toBeNull()
    expect(events.kafkaRecord({ headers: { traceparent: 'ab' } }).headers).toEqual([
      { traceparent: [97, 98] },
    ])
  })

  it('refuses two values for one record', () => {
    expect(() => events.kafkaRecord({ json: {}, text: 'x' })).toThrow(
      /one of `json`, `text`, `bytes` or `value`/,
    )
  })

  it('makes self-managed Kafka events without a cluster ARN', () => {
    const event = events.selfManagedKafka([{ topic: 't' }])
    expect(event.eventSource).toBe('SelfManagedKafka')
    expect(event).not.toHaveProperty('eventSourceArn')
    expect(Object.keys(event.records)).toEqual(['t-0'])
  })
})
