import { describe, expect, it } from 'vitest'
import { events } from '../../src/index.js'

const decode = (data: string) => Buffer.from(data, 'base64').toString('utf8')

describe('events.kinesis', () => {
  it('makes one realistic record by default, with base64 JSON data', () => {
    const { Records } = events.kinesis()
    expect(Records).toHaveLength(1)
    const record = Records[0]
    expect(record).toMatchObject({
      eventSource: 'aws:kinesis',
      eventName: 'aws:kinesis:record',
      eventVersion: '1.0',
      awsRegion: 'us-east-1',
      eventSourceARN: 'arn:aws:kinesis:us-east-1:123456789012:stream/my-stream',
      kinesis: { kinesisSchemaVersion: '1.0' },
    })
    expect(JSON.parse(decode(record?.kinesis.data ?? ''))).toEqual({ message: 'Hello from Kinesis' })
    expect(record?.eventID).toBe(`shardId-000000000000:${record?.kinesis.sequenceNumber}`)
    expect(record?.kinesis.approximateArrivalTimestamp).toBeCloseTo(Date.now() / 1000, -1)
  })

  it('encodes the json shorthand as base64 JSON data', () => {
    const record = events.kinesisRecord({ json: { orderId: 'o-1', items: [1, 2] } })
    expect(JSON.parse(decode(record.kinesis.data))).toEqual({ orderId: 'o-1', items: [1, 2] })
    expect(record).not.toHaveProperty('json')
  })

  it('takes raw base64 data as given', () => {
    const data = Buffer.from('raw bytes').toString('base64')
    expect(events.kinesisRecord({ kinesis: { data } }).kinesis.data).toBe(data)
  })

  it('refuses both json and kinesis.data, since both set the data', () => {
    expect(() => events.kinesisRecord({ json: {}, kinesis: { data: 'e30=' } })).toThrow(
      /either `json` or `kinesis.data`/,
    )
  })

  it('gives records 56-digit sequence numbers that strictly increase, within and across events', () => {
    const first = events.kinesis([{}, {}, {}]).Records.map((record) => record.kinesis.sequenceNumber)
    const later = events.kinesisRecord().kinesis.sequenceNumber
    const all = [...first, later]
    for (const sequenceNumber of all) expect(sequenceNumber).toMatch(/^\d{56}$/)
    for (let index = 1; index < all.length; index++) {
      expect(BigInt(all[index] ?? '0')).toBeGreaterThan(BigInt(all[index - 1] ?? '0'))
    }
  })

  it('gives records differing partition keys by default', () => {
    const { Records } = events.kinesis([{}, {}])
    expect(Records[0]?.kinesis.partitionKey).not.toBe(Records[1]?.kinesis.partitionKey)
  })

  it('keeps eventID in step with an overridden sequence number', () => {
    const record = events.kinesisRecord({
      kinesis: { sequenceNumber: '49500000000000000000000000000000000000000000000000000001' },
    })
    expect(record.eventID).toBe(
      'shardId-000000000000:49500000000000000000000000000000000000000000000000000001',
    )
  })
})
