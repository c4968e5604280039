import { describe, expect, it } from 'vitest'
import { events } from '../../src/index.js'

describe('events.s3', () => {
  it('makes one realistic ObjectCreated:Put record by default', () => {
    const { Records } = events.s3()
    expect(Records).toHaveLength(1)
    expect(Records[0]).toMatchObject({
      eventVersion: '2.1',
      eventSource: 'aws:s3',
      awsRegion: 'us-east-1',
      eventName: 'ObjectCreated:Put',
      s3: {
        s3SchemaVersion: '1.0',
        bucket: { name: 'my-bucket', arn: 'arn:aws:s3:::my-bucket' },
        object: { key: 'uploads/hello.txt', size: 1024 },
      },
    })
    expect(Records[0]?.s3.object.eTag).toMatch(/^[0-9a-f]{32}$/)
    expect(Records[0]?.responseElements['x-amz-request-id']).toMatch(/^[0-9A-F]{16}$/)
  })

  it('gives each record an increasing sequencer and a fresh request id', () => {
    const { Records } = events.s3([{}, {}])
    const [first, second] = Records.map((record) => record.s3.object.sequencer)
    expect(first).toMatch(/^[0-9A-F]+$/)
    expect((second ?? '') > (first ?? '')).toBe(true)
    expect(Records[0]?.responseElements['x-amz-request-id']).not.toBe(
      Records[1]?.responseElements['x-amz-request-id'],
    )
  })

  it('encodes the object key as S3 notifications do: spaces as +, other reserved characters percent-encoded, / kept', () => {
    const record = events.s3Record({ s3: { object: { key: 'my photos/cat (1)+dog.jpg' } } })
    expect(record.s3.object.key).toBe('my+photos/cat+%281%29%2Bdog.jpg')
    expect(decodeURIComponent(record.s3.object.key.replaceAll('+', ' '))).toBe('my photos/cat (1)+dog.jpg')
  })

  it('derives the bucket ARN from an overridden bucket name and merges the rest', () => {
    const record = events.s3Record({
      eventName: 'ObjectRemoved:Delete',
      s3: { bucket: { name: 'invoices' } },
    })
    expect(record.eventName).toBe('ObjectRemoved:Delete')
    expect(record.s3.bucket.arn).toBe('arn:aws:s3:::invoices')
    expect(record.s3.object.key).toBe('uploads/hello.txt')
  })
})
