import { afterEach, describe, expect, it, vi } from 'vitest'
import { InvalidEventError, lambda, RecordsFailedError, type S3Request, s3 } from '../../../src/index.js'
import { captureStderr, context, encodeS3Key, s3Event, s3Record } from '../../support/index.js'

afterEach(() => {
  vi.restoreAllMocks()
})

describe('s3()', () => {
  it('runs the whole chain once per record, in order', async () => {
    const log: string[] = []
    const handler = lambda(s3())
      .use({
        name: 'trace',
        async handle(request, next) {
          log.push(`mw:${request.key}`)
          await next()
        },
      })
      .handle(async (request) => {
        log.push(`handler:${request.key}`)
      })

    await expect(
      handler(s3Event(s3Record({ key: 'a.csv' }), s3Record({ key: 'b.csv' })), context()),
    ).resolves.toBeUndefined()
    expect(log).toEqual(['mw:a.csv', 'handler:a.csv', 'mw:b.csv', 'handler:b.csv'])
  })

  it('gives the bucket, the decoded key, size, eventName, versionId, eTag and record id', async () => {
    let seen: S3Request | undefined
    const record = s3Record({
      bucket: 'invoices-prod',
      key: 'uploads/2024 Q1/Müller & Söhne+Co.pdf',
      size: 52_133,
      eventName: 'ObjectCreated:CompleteMultipartUpload',
      versionId: '096fKKXTRTtl3on89fVO.nfljtsv6qko',
    })
    // As S3 delivers it: spaces as '+', a literal '+' as %2B, other characters percent-encoded.
    expect(record.s3.object.key).toBe('uploads/2024+Q1/M%C3%BCller+%26+S%C3%B6hne%2BCo.pdf')
    await lambda(s3()).handle((request) => {
      seen = request
    })(s3Event(record), context())

    expect(seen).toMatchObject({
      kind: 's3',
      bucket: 'invoices-prod',
      key: 'uploads/2024 Q1/Müller & Söhne+Co.pdf',
      size: 52_133,
      eventName: 'ObjectCreated:CompleteMultipartUpload',
      versionId: '096fKKXTRTtl3on89fVO.nfljtsv6qko',
      eTag: 'd41d8cd98f00b204e9800998ecf8427e',
      recordId: 'invoices-prod/uploads/2024 Q1/Müller & Söhne+Co.pdf',
    })
    expect(seen?.record).toBe(record)
  })

  it('keeps a key with a malformed escape as delivered, with "+" still read as a space', async () => {
    let key: string | undefined
    const record = s3Record()
    record.s3.object.key = 'reports/100%+done.txt'
    await lambda(s3()).handle((request) => {
      key = request.key
    })(s3Event(record), context())
    expect(key).toBe('reports/100% done.txt')
  })

  it('takes the correlation id from the S3 request id', async () => {
    let correlationId: string | undefined
    await lambda(s3()).handle((request) => {
      correlationId = request.correlationId
    })(s3Event(s3Record({ requestId: 'C3D13FE58DE4C810' })), context())
    expect(correlationId).toBe('C3D13FE58DE4C810')
  })

  it('rethrows the error of the one record that failed, after every record ran', async () => {
    const processed: string[] = []
    const handler = lambda(s3()).handle((request) => {
      processed.push(request.key)
      if (request.key === 'corrupt.csv') throw new Error('unexpected end of CSV')
    })
    const event = s3Event(s3Record({ key: 'corrupt.csv' }), s3Record({ key: 'fine.csv' }))

    await expect(handler(event, context())).rejects.toThrow('unexpected end of CSV')
    expect(processed).toEqual(['corrupt.csv', 'fine.csv'])
  })

  it('fails with RecordsFailedError listing bucket/key of each failed record when several failed', async () => {
    captureStderr()
    const handler = lambda(s3()).handle((request) => {
      if (request.key.startsWith('bad')) throw new Error(`cannot parse ${request.key}`)
    })
    const event = s3Event(
      s3Record({ bucket: 'in', key: 'bad one.csv' }),
      s3Record({ bucket: 'in', key: 'good.csv' }),
      s3Record({ bucket: 'in', key: 'bad two.csv' }),
    )

    const error = await handler(event, context()).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(RecordsFailedError)
    // The same ids the requests carry, so logs and errors agree.
    expect((error as RecordsFailedError).failures.map((failure) => failure.recordId)).toEqual([
      'in/bad one.csv',
      'in/bad two.csv',
    ])
    expect((error as RecordsFailedError).message).toBe(
      '2 of 3 s3 records failed: in/bad one.csv, in/bad two.csv',
    )
  })

  it('throws InvalidEventError for an event without Records', async () => {
    const handler = lambda(s3()).handle(() => {})
    await expect(handler({} as never, context())).rejects.toBeInstanceOf(InvalidEventError)
  })

  it('fails a record without a bucket name or key with InvalidEventError', async () => {
    const record = s3Record()
    const broken = { ...record, s3: { ...record.s3, object: { ...record.s3.object, key: undefined } } }
    const handler = lambda(s3()).handle(() => {})
    await expect(handler({ Records: [broken] } as never, context())).rejects.toThrow(
      'a record has no s3.bucket.name or s3.object.key',
    )
  })

  it('encodes keys in the fixture the way S3 does', () => {
    expect(encodeS3Key('a b/c+d.txt')).toBe('a+b/c%2Bd.txt')
  })
})
