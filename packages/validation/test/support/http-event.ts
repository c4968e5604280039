import type { HttpApiEvent } from './aws-events.js'

export interface HttpEventInit {
  readonly method?: string
  readonly path?: string
  readonly body?: string
  readonly isBase64Encoded?: boolean
  readonly headers?: Record<string, string>
  readonly rawQueryString?: string
  readonly pathParameters?: Record<string, string>
  readonly cookies?: string[]
}

/** An HTTP API (payload 2.0) event, as API Gateway delivers it. */
export function httpEvent(init: HttpEventInit = {}): HttpApiEvent {
  const method = init.method ?? 'POST'
  const path = init.path ?? '/orders'
  return {
    version: '2.0',
    routeKey: `${method} ${path}`,
    rawPath: path,
    rawQueryString: init.rawQueryString ?? '',
    headers: init.headers ?? {},
    ...(init.cookies === undefined ? {} : { cookies: init.cookies }),
    ...(init.pathParameters === undefined ? {} : { pathParameters: init.pathParameters }),
    requestContext: {
      accountId: '123456789012',
      apiId: 'api',
      domainName: 'api.example.com',
      domainPrefix: 'api',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '203.0.113.1', userAgent: 'test' },
      requestId: 'api-req-1',
      routeKey: `${method} ${path}`,
      stage: '$default',
      time: '23/Nov/2026:10:00:00 +0000',
      timeEpoch: 1_795_000_000_000,
    },
    ...(init.body === undefined ? {} : { body: init.body }),
    isBase64Encoded: init.isBase64Encoded ?? false,
  }
}

/** A JSON request body with its content type. */
export function jsonEvent(body: unknown, init: HttpEventInit = {}): HttpApiEvent {
  return httpEvent({
    ...init,
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json', ...init.headers },
  })
}
