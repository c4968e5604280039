import { describe, expect, it } from 'vitest'
import { events } from '../../src/index.js'

describe('events.sns', () => {
  it('makes one realistic notification record by default', () => {
    const { Records } = events.sns()
    expect(Records).toHaveLength(1)
    const record = Records[0]
    expect(record).toMatchObject({
      EventVersion: '1.0',
      EventSource: 'aws:sns',
      Sns: {
        Type: 'Notification',
        SignatureVersion: '1',
        TopicArn: 'arn:aws:sns:us-east-1:123456789012:my-topic',
        MessageAttributes: {},
      },
    })
    expect(record?.EventSubscriptionArn).toMatch(
      /^arn:aws:sns:us-east-1:123456789012:my-topic:[0-9a-f-]{36}$/,
    )
    expect(record?.Sns.SigningCertUrl).toMatch(
      /^https:\/\/sns\.us-east-1\.amazonaws\.com\/SimpleNotificationService-/,
    )
    expect(new Date(record?.Sns.Timestamp ?? '').toISOString()).toBe(record?.Sns.Timestamp)
  })

  it('gives every message a unique MessageId', () => {
    const { Records } = events.sns([{}, {}])
    expect(Records[0]?.Sns.MessageId).not.toBe(Records[1]?.Sns.MessageId)
  })

  it('makes one record per override, merged into the defaults', () => {
    const { Records } = events.sns([
      { Sns: { Message: 'first', Subject: 'Hi' } },
      { Sns: { Message: 'second' } },
    ])
    expect(Records.map((record) => record.Sns.Message)).toEqual(['first', 'second'])
    expect(Records[0]?.Sns.Subject).toBe('Hi')
    expect(Records[0]?.Sns.Type).toBe('Notification')
  })

  it('derives the subscription ARN and the URLs from an overridden topic ARN', () => {
    const record = events.snsRecord({ Sns: { TopicArn: 'arn:aws:sns:eu-west-1:111122223333:orders' } })
    expect(record.EventSubscriptionArn.startsWith('arn:aws:sns:eu-west-1:111122223333:orders:')).toBe(true)
    expect(record.Sns.UnsubscribeUrl).toContain('https://sns.eu-west-1.amazonaws.com/')
    expect(record.Sns.UnsubscribeUrl).toContain(record.EventSubscriptionArn)
  })
})
