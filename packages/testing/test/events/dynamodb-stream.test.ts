import { describe, expect, it } from 'vitest'
import { events } from '../../src/index.js'

describe('events.dynamodbStream', () => {
  it('makes one realistic INSERT record by default, with keys in the new image', () => {
    const { Records } = events.dynamodbStream()
    expect(Records).toHaveLength(1)
    const record = Records[0]
    expect(record).toMatchObject({
      eventName: 'INSERT',
      eventSource: 'aws:dynamodb',
      eventVersion: '1.1',
      awsRegion: 'us-east-1',
      dynamodb: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
    })
    expect(record?.eventSourceARN).toMatch(
      /^arn:aws:dynamodb:us-east-1:123456789012:table\/my-table\/stream\/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}$/,
    )
    expect(record?.eventID).toMatch(/^[0-9a-f]{32}$/)
    expect(record?.dynamodb?.NewImage).toMatchObject(record?.dynamodb?.Keys ?? {})
    expect(record?.dynamodb).not.toHaveProperty('OldImage')
    expect(record?.dynamodb?.SizeBytes).toBeGreaterThan(0)
  })

  it('gives each record a unique eventID and key, and a strictly increasing sequence number', () => {
    const { Records } = events.dynamodbStream([{}, {}, {}])
    expect(new Set(Records.map((record) => record.eventID)).size).toBe(3)
    expect(new Set(Records.map((record) => record.dynamodb?.Keys?.id?.S)).size).toBe(3)
    const sequenceNumbers = Records.map((record) => BigInt(record.dynamodb?.SequenceNumber ?? '0'))
    expect(sequenceNumbers[1]).toBeGreaterThan(sequenceNumbers[0] ?? 0n)
    expect(sequenceNumbers[2]).toBeGreaterThan(sequenceNumbers[1] ?? 0n)
  })

  it('marshalls the newItem, oldItem and keys shorthands to AttributeValue maps', () => {
    const record = events.dynamodbStreamRecord({
      keys: { pk: 'order#1', sk: 1 },
      oldItem: { pk: 'order#1', sk: 1, status: 'pending' },
      newItem: {
        pk: 'order#1',
        sk: 1,
        status: 'shipped',
        lines: [{ sku: 'A', qty: 2 }],
        gift: false,
        note: null,
      },
    })
    expect(record.dynamodb?.Keys).toEqual({ pk: { S: 'order#1' }, sk: { N: '1' } })
    expect(record.dynamodb?.OldImage).toEqual({
      pk: { S: 'order#1' },
      sk: { N: '1' },
      status: { S: 'pending' },
    })
    expect(record.dynamodb?.NewImage).toEqual({
      pk: { S: 'order#1' },
      sk: { N: '1' },
      status: { S: 'shipped' },
      lines: { L: [{ M: { sku: { S: 'A' }, qty: { N: '2' } } }] },
      gift: { BOOL: false },
      note: { NULL: true },
    })
    expect(record).not.toHaveProperty('newItem')
  })

  it('names the event after the images: both is MODIFY, only the old one is REMOVE, only the new one is INSERT', () => {
    expect(events.dynamodbStreamRecord({ newItem: { id: '1' }, oldItem: { id: '1' } }).eventName).toBe(
      'MODIFY',
    )
    expect(events.dynamodbStreamRecord({ oldItem: { id: '1' } }).eventName).toBe('REMOVE')
    expect(events.dynamodbStreamRecord({ newItem: { id: '1' } }).eventName).toBe('INSERT')
  })

  it('makes up the images an event name calls for: MODIFY has both, REMOVE only the old one', () => {
    const modify = events.dynamodbStreamRecord({ eventName: 'MODIFY' })
    expect(modify.dynamodb?.NewImage).toMatchObject(modify.dynamodb?.Keys ?? {})
    expect(modify.dynamodb?.OldImage).toMatchObject(modify.dynamodb?.Keys ?? {})
    expect(modify.dynamodb?.NewImage).not.toEqual(modify.dynamodb?.OldImage)
    const remove = events.dynamodbStreamRecord({ eventName: 'REMOVE' })
    expect(remove.dynamodb?.OldImage).toMatchObject(remove.dynamodb?.Keys ?? {})
    expect(remove.dynamodb).not.toHaveProperty('NewImage')
  })

  it('refuses an event name that contradicts the images given', () => {
    expect(() => events.dynamodbStreamRecord({ eventName: 'INSERT', oldItem: { id: '1' } })).toThrow(/INSERT/)
    expect(() => events.dynamodbStreamRecord({ eventName: 'REMOVE', newItem: { id: '1' } })).toThrow(/REMOVE/)
  })

  it('includes only the images the stream view type carries', () => {
    const keysOnly = events.dynamodbStreamRecord({
      eventName: 'MODIFY',
      dynamodb: { StreamViewType: 'KEYS_ONLY' },
    })
    expect(keysOnly.dynamodb).not.toHaveProperty('NewImage')
    expect(keysOnly.dynamodb).not.toHaveProperty('OldImage')
    expect(keysOnly.dynamodb?.Keys).toEqual({ id: { S: expect.any(String) } })
    const newOnly = events.dynamodbStreamRecord({
      eventName: 'MODIFY',
      dynamodb: { StreamViewType: 'NEW_IMAGE' },
    })
    expect(newOnly.dynamodb?.NewImage).toMatchObject(newOnly.dynamodb?.Keys ?? {})
    expect(newOnly.dynamodb).not.toHaveProperty('OldImage')
    expect(() =>
      events.dynamodbStreamRecord({ oldItem: { id: '1' }, dynamodb: { StreamViewType: 'NEW_IMAGE' } }),
    ).toThrow(/NEW_IMAGE/)
  })

  it('takes the keys from the id of the item given when no keys are', () => {
    const record = events.dynamodbStreamRecord({ newItem: { id: 'user-7', name: 'Ada' } })
    expect(record.dynamodb?.Keys).toEqual({ id: { S: 'user-7' } })
  })

  it('uses raw AttributeValue images whole, without merging default attributes into them', () => {
    const record = events.dynamodbStreamRecord({ dynamodb: { NewImage: { id: { S: 'raw' } } } })
    expect(record.dynamodb?.NewImage).toEqual({ id: { S: 'raw' } })
    expect(record.dynamodb?.Keys).toEqual({ id: { S: 'raw' } })
  })

  it('refuses a shorthand together with the raw field it stands for', () => {
    expect(() =>
      events.dynamodbStreamRecord({ newItem: { id: '1' }, dynamodb: { NewImage: { id: { S: '1' } } } }),
    ).toThrow(/either `newItem` or `dynamodb.NewImage`/)
  })

  it('merges other overrides into the defaults', () => {
    const record = events.dynamodbStreamRecord({
      eventSourceARN: 'arn:aws:dynamodb:us-east-1:123456789012:table/orders/stream/2025-06-01T00:00:00.000',
      dynamodb: { ApproximateCreationDateTime: 1_700_000_000 },
    })
    expect(record.eventSourceARN).toContain('table/orders/stream/')
    expect(record.dynamodb?.ApproximateCreationDateTime).toBe(1_700_000_000)
    expect(record.dynamodb?.SequenceNumber).toMatch(/^\d+$/)
  })
})
