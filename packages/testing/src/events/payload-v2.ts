import type { APIGatewayProxyEventV2 } from 'aws-lambda'
import { defaultAccountId } from '../aws-values/aws-defaults.js'
import { randomTraceHeader } from '../aws-values/random-ids.js'
import { deepMerge } from '../deep-merge/deep-merge.js'
import type { DeepPartial } from '../deep-merge/deep-partial.js'
import { findHeader, withoutOverriddenHeaders } from './header-names.js'
import { defaultSourceIp, defaultUserAgent } from './http-client-defaults.js'
import {
  entriesOfParameters,
  formatRawQueryString,
  parseRawQueryString,
  toCommaJoinedParameters,
} from './query-string.js'
import { formatRequestTime } from './request-time.js'

/** What differs between the two sources of payload 2.0 events: HTTP APIs and Function URLs. */
export interface PayloadV2Source {
  apiId: string
  domainName: string
  createRequestId: () => string
  extraHeaders: Readonly<Record<string, string>>
}

/**
 * A payload format 2.0 event (`GET /`, route `$default`), with the fields that describe the same thing
 * following your overrides: `requestContext.http.path` follows `rawPath`, `requestContext.routeKey` follows
 * `routeKey`, and `rawQueryString` and `queryStringParameters` follow each other unless you override both.
 */
export function createPayloadV2Event(
  overrides: DeepPartial<APIGatewayProxyEventV2>,
  source: PayloadV2Source,
): APIGatewayProxyEventV2 {
  const now = new Date()
  const requestContext = overrides.requestContext
  const method = requestContext?.http?.method ?? 'GET'
  const rawPath = overrides.rawPath ?? requestContext?.http?.path ?? '/'
  const routeKey = overrides.routeKey ?? requestContext?.routeKey ?? '$default'
  const domainName = requestContext?.domainName ?? source.domainName
  const sourceIp = requestContext?.http?.sourceIp ?? defaultSourceIp
  const userAgent =
    findHeader(overrides.headers, 'user-agent') ?? requestContext?.http?.userAgent ?? defaultUserAgent
  const { rawQueryString, queryStringParameters } = resolveQuery(overrides)

  const defaults: APIGatewayProxyEventV2 = {
    version: '2.0',
    routeKey,
    rawPath,
    rawQueryString,
    headers: withoutOverriddenHeaders(
      {
        accept: '*/*',
        host: domainName,
        'user-agent': userAgent,
        'x-amzn-trace-id': randomTraceHeader(now.getTime()),
        'x-forwarded-for': sourceIp,
        'x-forwarded-port': '443',
        'x-forwarded-proto': 'https',
        ...source.extraHeaders,
      },
      overrides.headers,
    ),
    ...(queryStringParameters && { queryStringParameters }),
    requestContext: {
      accountId: defaultAccountId,
      apiId: source.apiId,
      domainName,
      domainPrefix: domainName.split('.')[0] ?? domainName,
      http: { method, path: rawPath, protocol: 'HTTP/1.1', sourceIp, userAgent },
      requestId: source.createRequestId(),
      routeKey,
      stage: '$default',
      time: formatRequestTime(now),
      timeEpoch: now.getTime(),
    },
    isBase64Encoded: false,
  }
  return deepMerge(defaults, overrides)
}

function resolveQuery(overrides: DeepPartial<APIGatewayProxyEventV2>): {
  rawQueryString: string
  queryStringParameters: Record<string, string> | undefined
} {
  const { rawQueryString, queryStringParameters } = overrides
  if (rawQueryString !== undefined) {
    const entries = parseRawQueryString(rawQueryString)
    // API Gateway leaves queryStringParameters out altogether when there is no query.
    return {
      rawQueryString,
      queryStringParameters: entries.length ? toCommaJoinedParameters(entries) : undefined,
    }
  }
  if (queryStringParameters !== undefined) {
    return {
      rawQueryString: formatRawQueryString(entriesOfParameters(queryStringParameters)),
      queryStringParameters: undefined,
    }
  }
  return { rawQueryString: '', queryStringParameters: undefined }
}
