import { randomUUID } from 'node:crypto'
import type { APIGatewayProxyEvent } from 'aws-lambda'
import { defaultAccountId, defaultRegion } from '../aws-values/aws-defaults.js'
import { randomAlphanumeric, randomTraceHeader } from '../aws-values/random-ids.js'
import { deepMerge } from '../deep-merge/deep-merge.js'
import type { DeepPartial } from '../deep-merge/deep-partial.js'
import { findHeader, withoutOverriddenHeaders } from './header-names.js'
import { defaultApiId, defaultSourceIp, defaultUserAgent } from './http-client-defaults.js'
import { toLastValues, toMultiValue } from './multi-value.js'
import { formatRequestTime } from './request-time.js'

/**
 * An API Gateway REST API (payload 1.0) Lambda proxy event: `GET /` on stage `prod`, no query, no body.
 *
 * Fields that describe the same thing follow your overrides: `requestContext.httpMethod`, `.path` and
 * `.resourcePath` follow `httpMethod`, `path` and `resource`; `multiValueHeaders` follows `headers` (and the
 * other way round) unless you override both; the same for the query string maps.
 */
export function apiGatewayV1(overrides: DeepPartial<APIGatewayProxyEvent> = {}): APIGatewayProxyEvent {
  const now = new Date()
  const httpMethod = overrides.httpMethod ?? overrides.requestContext?.httpMethod ?? 'GET'
  const path = overrides.path ?? '/'
  const resource = overrides.resource ?? overrides.requestContext?.resourcePath ?? path
  const stage = overrides.requestContext?.stage ?? 'prod'
  const apiId = overrides.requestContext?.apiId ?? defaultApiId
  const domainName =
    overrides.requestContext?.domainName ?? `${apiId}.execute-api.${defaultRegion}.amazonaws.com`
  const sourceIp = overrides.requestContext?.identity?.sourceIp ?? defaultSourceIp
  const userAgent =
    findHeader(overrides.headers, 'user-agent') ??
    findHeader(toLastValues(overrides.multiValueHeaders ?? {}), 'user-agent') ??
    overrides.requestContext?.identity?.userAgent ??
    defaultUserAgent

  const defaultHeaders = withoutOverriddenHeaders(
    {
      Accept: '*/*',
      Host: domainName,
      'User-Agent': userAgent,
      'X-Amzn-Trace-Id': randomTraceHeader(now.getTime()),
      'X-Forwarded-For': sourceIp,
      'X-Forwarded-Port': '443',
      'X-Forwarded-Proto': 'https',
    },
    overrides.headers,
    overrides.multiValueHeaders,
  )

  const defaults: APIGatewayProxyEvent = {
    resource,
    path,
    httpMethod,
    headers: defaultHeaders,
    multiValueHeaders: toMultiValue(defaultHeaders),
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    pathParameters: null,
    stageVariables: null,
    requestContext: {
      accountId: defaultAccountId,
      apiId,
      authorizer: undefined,
      domainName,
      domainPrefix: domainName.split('.')[0],
      extendedRequestId: `${randomAlphanumeric(15)}=`,
      httpMethod,
      identity: {
        accessKey: null,
        accountId: null,
        apiKey: null,
        apiKeyId: null,
        caller: null,
        clientCert: null,
        cognitoAuthenticationProvider: null,
        cognitoAuthenticationType: null,
        cognitoIdentityId: null,
        cognitoIdentityPoolId: null,
        principalOrgId: null,
        sourceIp,
        user: null,
        userAgent,
        userArn: null,
      },
      path: `/${stage}${path}`,
      protocol: 'HTTP/1.1',
      requestId: randomUUID(),
      requestTime: formatRequestTime(now),
      requestTimeEpoch: now.getTime(),
      resourceId: randomAlphanumeric(6, 'lower'),
      resourcePath: resource,
      stage,
    },
    body: null,
    isBase64Encoded: false,
  }

  const event = deepMerge(defaults, overrides)
  return withConsistentMultiValueMaps(event, overrides)
}

function withConsistentMultiValueMaps(
  event: APIGatewayProxyEvent,
  overrides: DeepPartial<APIGatewayProxyEvent>,
): APIGatewayProxyEvent {
  const consistent = { ...event }
  if (overrides.headers !== undefined && overrides.multiValueHeaders === undefined) {
    consistent.multiValueHeaders = toMultiValue(event.headers)
  } else if (overrides.multiValueHeaders !== undefined && overrides.headers === undefined) {
    consistent.headers = toLastValues(event.multiValueHeaders)
  }
  const singleQuery = overrides.queryStringParameters
  const multiQuery = overrides.multiValueQueryStringParameters
  if (singleQuery !== undefined && multiQuery === undefined) {
    consistent.multiValueQueryStringParameters =
      event.queryStringParameters === null ? null : toMultiValue(event.queryStringParameters)
  } else if (multiQuery !== undefined && singleQuery === undefined) {
    consistent.queryStringParameters =
      event.multiValueQueryStringParameters === null
        ? null
        : toLastValues(event.multiValueQueryStringParameters)
  }
  return consistent
}
