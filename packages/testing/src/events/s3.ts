import { createHash } from 'node:crypto'
import type { S3Event, S3EventRecord } from 'aws-lambda'
import { defaultRegion } from '../aws-values/aws-defaults.js'
import { increasingDigits } from '../aws-values/increasing-digits.js'
import { randomBase64, randomHex } from '../aws-values/random-ids.js'
import { deepMerge } from '../deep-merge/deep-merge.js'
import type { DeepPartial } from '../deep-merge/deep-partial.js'
import { defaultSourceIp } from './http-client-defaults.js'
import { encodeS3EventKey } from './s3-object-key.js'

// Sequencers order the events of one key; they are hex and only grow.
const nextSequencer = increasingDigits({ length: 18, radix: 16 })

/** An S3 event with one record per override (one default record when called without any). */
export function s3(records: DeepPartial<S3EventRecord>[] = [{}]): S3Event {
  return { Records: records.map((overrides) => s3Record(overrides)) }
}

/**
 * One S3 event notification record: `ObjectCreated:Put` of `uploads/hello.txt` in `my-bucket`.
 *
 * Give `s3.object.key` as the object is named: the record carries it encoded as S3 notifications encode it
 * (`my photo.jpg` becomes `my+photo.jpg`). The bucket ARN follows `s3.bucket.name`.
 */
export function s3Record(overrides: DeepPartial<S3EventRecord> = {}): S3EventRecord {
  const bucketName = overrides.s3?.bucket?.name ?? 'my-bucket'
  const key = overrides.s3?.object?.key ?? 'uploads/hello.txt'
  const size = overrides.s3?.object?.size ?? 1024
  const defaults: S3EventRecord = {
    eventVersion: '2.1',
    eventSource: 'aws:s3',
    awsRegion: defaultRegion,
    eventTime: new Date().toISOString(),
    eventName: 'ObjectCreated:Put',
    userIdentity: { principalId: 'AWS:AIDAINPONIXQXHT3IKHL2' },
    requestParameters: { sourceIPAddress: defaultSourceIp },
    responseElements: {
      'x-amz-request-id': randomHex(16).toUpperCase(),
      'x-amz-id-2': randomBase64(56),
    },
    s3: {
      s3SchemaVersion: '1.0',
      configurationId: 'object-created',
      bucket: {
        name: bucketName,
        ownerIdentity: { principalId: 'A3NL1KOZZKExample' },
        arn: `arn:aws:s3:::${bucketName}`,
      },
      object: {
        key: encodeS3EventKey(key),
        size,
        eTag: createHash('md5').update(`${bucketName}/${key}/${size}`).digest('hex'),
        sequencer: nextSequencer(),
      },
    },
  }
  const { s3: s3Overrides, ...recordOverrides } = overrides
  const { object: objectOverrides, ...otherS3Overrides } = s3Overrides ?? {}
  const { key: _rawKey, ...otherObjectOverrides } = objectOverrides ?? {}
  return deepMerge(defaults, {
    ...recordOverrides,
    s3: { ...otherS3Overrides, object: otherObjectOverrides },
  })
}
