import type { APIGatewayProxyEventV2 } from 'aws-lambda'
import { defaultRegion } from '../aws-values/aws-defaults.js'
import { randomAlphanumeric } from '../aws-values/random-ids.js'
import type { DeepPartial } from '../deep-merge/deep-partial.js'
import { defaultApiId } from './http-client-defaults.js'
import { createPayloadV2Event } from './payload-v2.js'

/** An API Gateway HTTP API (payload format 2.0) event: `GET /` on route and stage `$default`. */
export function apiGatewayV2(overrides: DeepPartial<APIGatewayProxyEventV2> = {}): APIGatewayProxyEventV2 {
  return createPayloadV2Event(overrides, {
    apiId: overrides.requestContext?.apiId ?? defaultApiId,
    domainName: `${overrides.requestContext?.apiId ?? defaultApiId}.execute-api.${defaultRegion}.amazonaws.com`,
    // HTTP APIs' request ids are 15 characters and a "=", not UUIDs.
    createRequestId: () => `${randomAlphanumeric(15)}=`,
    extraHeaders: {},
  })
}
