import type { ALBEvent } from 'aws-lambda'
import { defaultAccountId, defaultRegion } from '../aws-values/aws-defaults.js'
import { randomTraceHeader } from '../aws-values/random-ids.js'
import { deepMerge } from '../deep-merge/deep-merge.js'
import type { DeepPartial } from '../deep-merge/deep-partial.js'
import { withoutOverriddenHeaders } from './header-names.js'
import { defaultSourceIp, defaultUserAgent } from './http-client-defaults.js'
import { toLastValues, toMultiValue } from './multi-value.js'

export interface AlbOptions {
  /**
   * The target group's "multi-value headers" setting. When on, ALB sends `multiValueHeaders` and
   * `multiValueQueryStringParameters` instead of `headers` and `queryStringParameters`.
   */
  multiValueHeaders?: boolean | undefined
}

const defaultTargetGroupArn = `arn:aws:elasticloadbalancing:${defaultRegion}:${defaultAccountId}:targetgroup/my-target-group/6d0ecf831eec9f09`

/**
 * An Application Load Balancer event: `GET /`, no query, no body (ALB sends an empty string).
 *
 * The event has only the header and query maps the target group setting produces: overrides of the other
 * form are folded in (a single value becomes a one-element list; a list contributes its last value, as ALB
 * keeps the last one when the setting is off). Query keys and values are delivered as the client encoded
 * them, since ALB does not decode them.
 */
export function alb(overrides: DeepPartial<ALBEvent> = {}, options: AlbOptions = {}): ALBEvent {
  const defaultHeaders = withoutOverriddenHeaders(
    {
      accept: '*/*',
      host: `my-load-balancer-1234567890.${defaultRegion}.elb.amazonaws.com`,
      'user-agent': defaultUserAgent,
      'x-amzn-trace-id': randomTraceHeader(),
      'x-forwarded-for': defaultSourceIp,
      'x-forwarded-port': '443',
      'x-forwarded-proto': 'https',
    },
    overrides.headers,
    overrides.multiValueHeaders,
  )
  const common = {
    requestContext: { elb: { targetGroupArn: defaultTargetGroupArn } },
    httpMethod: 'GET',
    path: '/',
    body: '',
    isBase64Encoded: false,
  }
  const { headers, multiValueHeaders, queryStringParameters, multiValueQueryStringParameters, ...rest } =
    overrides

  if (options.multiValueHeaders) {
    const defaults: ALBEvent = {
      ...common,
      multiValueHeaders: toMultiValue(defaultHeaders),
      multiValueQueryStringParameters: {},
    }
    return deepMerge(defaults, {
      ...rest,
      multiValueHeaders: { ...toMultiValue(headers ?? {}), ...multiValueHeaders },
      multiValueQueryStringParameters: {
        ...toMultiValue(queryStringParameters ?? {}),
        ...multiValueQueryStringParameters,
      },
    })
  }
  const defaults: ALBEvent = { ...common, headers: defaultHeaders, queryStringParameters: {} }
  return deepMerge(defaults, {
    ...rest,
    headers: { ...toLastValues(multiValueHeaders ?? {}), ...headers },
    queryStringParameters: {
      ...toLastValues(multiValueQueryStringParameters ?? {}),
      ...queryStringParameters,
    },
  })
}
