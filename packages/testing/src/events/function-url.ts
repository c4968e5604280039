import { randomUUID } from 'node:crypto'
import type { LambdaFunctionURLEvent } from 'aws-lambda'
import { defaultRegion } from '../aws-values/aws-defaults.js'
import type { DeepPartial } from '../deep-merge/deep-partial.js'
import { createPayloadV2Event } from './payload-v2.js'

/** One function's URL: its 32-character id is fixed, as it is for a deployed function. */
const defaultUrlId = 'abcdefghij1234567890klmnopqrstuv'

/**
 * A Lambda Function URL event: payload format 2.0 like an HTTP API's, but always route and stage
 * `$default`, on `<url-id>.lambda-url.<region>.on.aws`, with a UUID request id and the TLS headers
 * Function URLs add.
 */
export function functionUrl(overrides: DeepPartial<LambdaFunctionURLEvent> = {}): LambdaFunctionURLEvent {
  const urlId = overrides.requestContext?.apiId ?? defaultUrlId
  return createPayloadV2Event(overrides, {
    apiId: urlId,
    domainName: `${urlId}.lambda-url.${defaultRegion}.on.aws`,
    createRequestId: randomUUID,
    extraHeaders: { 'x-amzn-tls-cipher-suite': 'TLS_AES_128_GCM_SHA256', 'x-amzn-tls-version': 'TLSv1.3' },
  })
}
