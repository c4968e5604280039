import type { Context } from 'aws-lambda'

/** The same invocation for every contender: what a warm Lambda call of an `orders` function looks like. */
export const service = 'orders'
export const correlationId = '5b6f1e7a-3c2d-4e8f-9a0b-1c2d3e4f5a6b'
export const traceHeader = 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=557abcec3ee5a047;Sampled=1'
export const traceId = '1-5759e988-bd862e3fe1be46a994272793'
export const message = 'order placed'

export const context: Context = {
  callbackWaitsForEmptyEventLoop: true,
  functionName: 'orders-api',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:orders-api',
  memoryLimitInMB: '1024',
  awsRequestId: 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef',
  logGroupName: '/aws/lambda/orders-api',
  logStreamName: '2026/11/23/[$LATEST]0123456789abcdef0123456789abcdef',
  getRemainingTimeInMillis: () => 30_000,
  done: () => {},
  fail: () => {},
  succeed: () => {},
}

/** The three fields of line `index`: a string, a number that changes, a constant. */
export function fields(index: number): { orderId: string; amountCents: number; items: number } {
  return { orderId: 'ord-7f3a9c', amountCents: 1000 + index, items: 3 }
}

/** One logger set up the way its documentation shows for a Lambda function, and how to wait for its output. */
export interface LineWriter {
  readonly write: (index: number) => void
  /** Resolves when every line written so far has reached the file descriptor. */
  readonly flush: () => Promise<void>
}
