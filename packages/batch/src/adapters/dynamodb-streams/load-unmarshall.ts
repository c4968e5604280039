import { importOptionalPeer } from '@tsumiki/core'
import type { AttributeValue } from 'aws-lambda'

/** Turns a stream image (`{ name: { S: 'x' } }`) into a plain object (`{ name: 'x' }`). */
export type Unmarshall = (image: Record<string, AttributeValue>) => Record<string, unknown>

let loading: Promise<Unmarshall> | undefined

/**
 * `unmarshall` from `@aws-sdk/util-dynamodb`, an optional peer dependency, imported on first use: functions that
 * never read an image need not install it (the Lambda Node.js runtimes ship it). Never rejects: when the package is
 * missing, the function it resolves to throws a clear error, and only records that read an image fail with it.
 */
export function loadUnmarshall(): Promise<Unmarshall> {
  loading ??= importOptionalPeer(
    '@aws-sdk/util-dynamodb',
    'Reading a DynamoDB stream image (or pass dynamodbStreams({ unmarshall }))',
    () => import('./util-dynamodb-sdk.js'),
  ).then(
    (module): Unmarshall =>
      (image) =>
        module.unmarshall(image as Parameters<typeof module.unmarshall>[0]),
    (error: unknown): Unmarshall =>
      () => {
        throw error
      },
  )
  return loading
}
