import type { APIGatewayProxyEventV2, Context } from 'aws-lambda'

/**
 * The objects every contender of the engine suite receives: made once, shared by all, never mutated by either side
 * (Middy keeps what middlewares add on its own per-request object, tsumiki on its own request object).
 */

export interface RawEvent {
  readonly id: string
  readonly detail: { readonly orderId: number; readonly amount: number }
}

export interface HandlerResult {
  readonly id: number
  readonly name: string
  readonly tags: readonly string[]
}

export const rawEvent: RawEvent = { id: 'evt-0001', detail: { orderId: 42, amount: 1999 } }

/**
 * A Lambda context as the runtime hands it over, with `getRemainingTimeInMillis`: both engines read it to arm their
 * deadline guard (Middy's `timeoutEarlyInMillis`, tsumiki's `deadlineMarginMs`). A constant 30 s remaining keeps
 * every invocation identical; the real runtime computes `deadline - Date.now()`, one `Date.now()` more for both.
 */
export const context: Context = {
  callbackWaitsForEmptyEventLoop: true,
  functionName: 'bench-engine',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:bench-engine',
  memoryLimitInMB: '1024',
  awsRequestId: 'c6af9ac6-7b61-11e6-9a41-93e812345678',
  logGroupName: '/aws/lambda/bench-engine',
  logStreamName: '2026/01/01/[$LATEST]abcdef0123456789',
  getRemainingTimeInMillis: () => 30_000,
  done: () => {},
  fail: () => {},
  succeed: () => {},
}

/** The whole handler body, identical for every contender: build a small object, as a typical handler returns. */
export function work(): HandlerResult {
  return { id: 42, name: 'widget', tags: ['a', 'b'] }
}

/** The baseline: a bare async Lambda handler, the code with no engine at all. */
export const bareHandler = async (_event: unknown, _context: Context): Promise<HandlerResult> => work()

/** An API Gateway HTTP API (payload 2.0) GET with the headers a browser and CloudFront send. */
export const apiGatewayV2Event: APIGatewayProxyEventV2 = {
  version: '2.0',
  routeKey: 'GET /widgets/{id}',
  rawPath: '/widgets/42',
  rawQueryString: 'include=tags&lang=en',
  cookies: ['session=abc123', 'theme=dark'],
  headers: {
    accept: 'application/json',
    'accept-encoding': 'gzip, deflate, br',
    'accept-language': 'en-GB,en;q=0.9',
    'content-length': '0',
    host: 'abc123.execute-api.eu-west-1.amazonaws.com',
    'user-agent':
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36',
    'x-amzn-trace-id': 'Root=1-65a1b2c3-0123456789abcdef01234567',
    'x-forwarded-for': '203.0.113.7',
    'x-forwarded-port': '443',
    'x-forwarded-proto': 'https',
  },
  queryStringParameters: { include: 'tags', lang: 'en' },
  pathParameters: { id: '42' },
  requestContext: {
    accountId: '123456789012',
    apiId: 'abc123',
    domainName: 'abc123.execute-api.eu-west-1.amazonaws.com',
    domainPrefix: 'abc123',
    http: {
      method: 'GET',
      path: '/widgets/42',
      protocol: 'HTTP/1.1',
      sourceIp: '203.0.113.7',
      userAgent:
        'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36',
    },
    requestId: 'JKJaXmPLvHcESHA=',
    routeKey: 'GET /widgets/{id}',
    stage: '$default',
    time: '01/Jan/2026:00:00:00 +0000',
    timeEpoch: 1767225600000,
  },
  isBase64Encoded: false,
}
