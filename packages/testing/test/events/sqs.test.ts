import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { events } from '../../src/index.js'

const md5 = (text: string) => createHash('md5').update(text).digest('hex')

describe('events.sqs', () => {
  it('makes one realistic record by default', () => {
    const { Records } = events.sqs()
    expect(Records).toHaveLength(1)
    const [record] = Records
    expect(record).toMatchObject({
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:us-east-1:123456789012:my-queue',
      awsRegion: 'us-east-1',
      messageAttributes: {},
      attributes: { ApproximateReceiveCount: '1' },
    })
    expect(record?.receiptHandle).toMatch(/^AQEB/)
    expect(Number(record?.attributes.SentTimestamp)).toBeGreaterThan(Date.now() - 5_000)
    expect(record?.attributes).not.toHaveProperty('MessageGroupId')
    expect(record).not.toHaveProperty('md5OfMessageAttributes')
  })

  it('makes one record per override, each with a unique messageId and receipt handle', () => {
    const { Records } = events.sqs([{ body: 'a' }, { body: 'b' }, {}])
    expect(Records.map((record) => record.body)).toEqual(['a', 'b', 'Hello from SQS!'])
    expect(new Set(Records.map((record) => record.messageId)).size).toBe(3)
    expect(new Set(Records.map((record) => record.receiptHandle)).size).toBe(3)
  })

  it('computes md5OfBody from the final body', () => {
    const { Records } = events.sqs([{ body: '{"orderId":1}' }, {}])
    expect(Records[0]?.md5OfBody).toBe(md5('{"orderId":1}'))
    expect(Records[1]?.md5OfBody).toBe(md5('Hello from SQS!'))
  })

  it('keeps an md5OfBody given explicitly, e.g. to test a checksum mismatch', () => {
    expect(events.sqsRecord({ body: 'x', md5OfBody: 'not-the-md5' }).md5OfBody).toBe('not-the-md5')
  })

  it('computes md5OfMessageAttributes the way SQS does when there are attributes', () => {
    const record = events.sqsRecord({
      messageAttributes: {
        ordinal: { dataType: 'Number', stringValue: '1' },
        category: { dataType: 'String', stringValue: 'test' },
      },
    })
    // Reference values from the test suites of other SQS implementations.
    expect(record.md5OfMessageAttributes).toBe('d21ae90c49061e927f57df5f5d72be1f')
    expect(
      events.sqsRecord({
        messageAttributes: { SellerName: { dataType: 'String', stringValue: 'Example Store' } },
      }).md5OfMessageAttributes,
    ).toBe('cd28f3b68aeee4b2eac9c66f2f694b58')
  })

  it('takes the queue ARN and its region from options', () => {
    const { Records } = events.sqs([{}], { queueArn: 'arn:aws:sqs:eu-west-1:111122223333:orders' })
    expect(Records[0]?.eventSourceARN).toBe('arn:aws:sqs:eu-west-1:111122223333:orders')
    expect(Records[0]?.awsRegion).toBe('eu-west-1')
  })

  it('merges attribute overrides into the default attributes', () => {
    const record = events.sqsRecord({ attributes: { ApproximateReceiveCount: '3' } })
    expect(record.attributes.ApproximateReceiveCount).toBe('3')
    expect(record.attributes.SenderId).toBe(events.sqsRecord().attributes.SenderId)
  })
})

describe('events.sqs on a FIFO queue', () => {
  it('uses a queue ARN ending in .fifo', () => {
    expect(events.sqs([{}], { fifo: true }).Records[0]?.eventSourceARN).toBe(
      'arn:aws:sqs:us-east-1:123456789012:my-queue.fifo',
    )
  })

  it('gives each record a MessageGroupId, a content-based MessageDeduplicationId and an increasing SequenceNumber', () => {
    const { Records } = events.sqs([{ body: 'a' }, { body: 'b' }, { body: 'c' }], { fifo: true })
    for (const record of Records) {
      expect(record.attributes.MessageGroupId).toBe('group-1')
      expect(record.attributes.MessageDeduplicationId).toBe(
        createHash('sha256').update(record.body).digest('hex'),
      )
      expect(record.attributes.SequenceNumber).toMatch(/^\d{20}$/)
    }
    const sequenceNumbers = Records.map((record) => BigInt(record.attributes.SequenceNumber ?? '0'))
    expect(sequenceNumbers[0]).toBeLessThan(sequenceNumbers[1] ?? 0n)
    expect(sequenceNumbers[1]).toBeLessThan(sequenceNumbers[2] ?? 0n)
  })

  it('keeps sequence numbers increasing across events', () => {
    const first = events.sqsRecord({}, { fifo: true }).attributes.SequenceNumber ?? ''
    const second = events.sqsRecord({}, { fifo: true }).attributes.SequenceNumber ?? ''
    expect(second > first).toBe(true)
  })

  it('treats a queue ARN ending in .fifo as a FIFO queue', () => {
    const record = events.sqsRecord({}, { queueArn: 'arn:aws:sqs:us-east-1:123456789012:orders.fifo' })
    expect(record.attributes.MessageGroupId).toMatch(/\S/)
    expect(record.attributes.MessageDeduplicationId).toMatch(/\S/)
  })

  it('lets a record choose its own message group', () => {
    const record = events.sqsRecord({ attributes: { MessageGroupId: 'customer-7' } }, { fifo: true })
    expect(record.attributes.MessageGroupId).toBe('customer-7')
  })

  it('refuses a FIFO queue ARN that does not end in .fifo, and a standard one that does', () => {
    expect(() =>
      events.sqs([{}], { fifo: true, queueArn: 'arn:aws:sqs:us-east-1:123456789012:orders' }),
    ).toThrow(/\.fifo/)
    expect(() =>
      events.sqs([{}], { fifo: false, queueArn: 'arn:aws:sqs:us-east-1:123456789012:orders.fifo' }),
    ).toThrow(/\.fifo/)
  })
})
