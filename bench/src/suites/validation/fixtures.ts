import type { APIGatewayProxyEventV2, Context } from 'aws-lambda'
import { z } from 'zod'

/**
 * The order every contender of the validation suite validates, once as zod (tsumiki, Powertools) and once as the
 * equivalent JSON Schema (Middy's validator, ajv). Both accept the same orders and refuse the same ones: an `id`
 * that is a UUID, at least one item of a non-empty `sku` and an integer `qty` ≥ 1, an optional `note` string;
 * other fields are allowed (zod strips them, JSON Schema ignores them).
 */
export const ZodOrder = z.object({
  id: z.uuid(),
  items: z.array(z.object({ sku: z.string().min(1), qty: z.number().int().min(1) })).min(1),
  note: z.string().optional(),
})

export const orderJsonSchema = {
  type: 'object',
  required: ['id', 'items'],
  properties: {
    id: { type: 'string', format: 'uuid' },
    items: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['sku', 'qty'],
        properties: { sku: { type: 'string', minLength: 1 }, qty: { type: 'integer', minimum: 1 } },
      },
    },
    note: { type: 'string' },
  },
} as const

/** Middy's validator checks the whole event: the order is its (already parsed) body. */
export const eventJsonSchema = {
  type: 'object',
  required: ['body'],
  properties: { body: orderJsonSchema },
} as const

export const orderId = '4b0e1f2a-7c3d-4e5f-8a9b-0c1d2e3f4a5b'

export const validOrder = { id: orderId, items: [{ sku: 'tea', qty: 2 }], note: 'leave at the door' }

/** 50 items: where the cost of the schema itself starts to show beside the framework's. */
export const largeOrder = {
  id: orderId,
  items: Array.from({ length: 50 }, (_, index) => ({ sku: `sku-${index}`, qty: index + 1 })),
}

/** Wrong in two places, so every contender collects more than one error (ajv runs with allErrors). */
export const invalidOrder = { id: 'not-a-uuid', items: [{ sku: 'tea', qty: 0 }] }

/** The answer a handler gives to a valid order, identical for every contender. */
export const okHeaders = { 'content-type': 'application/json; charset=utf-8' }

/**
 * A Lambda context as the runtime hands it over; a constant 30 s remaining keeps every invocation identical (both
 * Middy and tsumiki arm their deadline guards from it).
 */
export const context: Context = {
  callbackWaitsForEmptyEventLoop: true,
  functionName: 'bench-validation',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:bench-validation',
  memoryLimitInMB: '1024',
  awsRequestId: 'c6af9ac6-7b61-11e6-9a41-93e812345678',
  logGroupName: '/aws/lambda/bench-validation',
  logStreamName: '2026/01/01/[$LATEST]abcdef0123456789',
  getRemainingTimeInMillis: () => 30_000,
  done: () => {},
  fail: () => {},
  succeed: () => {},
}

/**
 * An API Gateway HTTP API (payload 2.0) POST with a JSON body and the headers a client and CloudFront send: a full
 * event, because Powertools' envelope validates all of it before the body.
 */
export function postEvent(body: unknown): APIGatewayProxyEventV2 {
  return {
    version: '2.0',
    routeKey: 'POST /orders',
    rawPath: '/orders',
    rawQueryString: '',
    headers: {
      accept: 'application/json',
      'content-type': 'application/json',
      'content-length': String(JSON.stringify(body).length),
      host: 'abc123.execute-api.eu-west-1.amazonaws.com',
      'user-agent': 'orders-client/1.4',
      'x-amzn-trace-id': 'Root=1-65a1b2c3-0123456789abcdef01234567',
      'x-forwarded-for': '203.0.113.7',
      'x-forwarded-port': '443',
      'x-forwarded-proto': 'https',
    },
    requestContext: {
      accountId: '123456789012',
      apiId: 'abc123',
      domainName: 'abc123.execute-api.eu-west-1.amazonaws.com',
      domainPrefix: 'abc123',
      http: {
        method: 'POST',
        path: '/orders',
        protocol: 'HTTP/1.1',
        sourceIp: '203.0.113.7',
        userAgent: 'orders-client/1.4',
      },
      requestId: 'JKJaXmPLvHcESHA=',
      routeKey: 'POST /orders',
      stage: '$default',
      time: '01/Jan/2026:12:00:00 +0000',
      timeEpoch: 1_767_268_800_000,
    },
    body: JSON.stringify(body),
    isBase64Encoded: false,
  }
}
