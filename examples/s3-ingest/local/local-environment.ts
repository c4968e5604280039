import { randomUUID } from 'node:crypto'
import type { LocalAws, LocalDynamo } from '@tsumiki/testing'
import type { LocalS3 } from './local-s3.js'

/**
 * Creates the two buckets the function needs on the local S3 (names unique per call) and returns the
 * function's environment. The function uses neither DynamoDB nor the local AWS endpoint; S3 has no emulator in
 * @tsumiki/testing, so the caller passes the one from `./local-s3.js` as `s3`.
 */
export async function prepareLocalEnvironment(services: {
  dynamo?: LocalDynamo
  aws?: LocalAws
  s3?: LocalS3
}): Promise<Record<string, string>> {
  const { s3 } = services
  if (s3 === undefined) {
    throw new Error('s3-ingest needs a local S3: pass { s3: await startLocalS3() } (local/local-s3.ts)')
  }
  const suffix = randomUUID().slice(0, 8)
  const incomingBucket = `orders-incoming-${suffix}`
  const outputBucket = `orders-processed-${suffix}`
  s3.createBucket(incomingBucket)
  s3.createBucket(outputBucket)
  return {
    INCOMING_BUCKET: incomingBucket,
    OUTPUT_BUCKET: outputBucket,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_ENDPOINT_URL_S3: s3.endpoint,
  }
}
