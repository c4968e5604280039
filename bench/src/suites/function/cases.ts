import { createContext, events } from '@tsumiki/testing'
import type { APIGatewayProxyEventV2, Context, SQSEvent } from 'aws-lambda'
import { apiKey } from './environment.js'

/** The invocations measured warm: each returns a fresh event per call (Middy's body parser mutates its event). */

export const warmCases = ['http valid', 'http duplicate', 'http invalid body', 'sqs batch of 10'] as const
export type WarmCase = (typeof warmCases)[number]

export interface Invocation {
  readonly event: unknown
  readonly context: Context
}

const orderEvent = (body: object): APIGatewayProxyEventV2 =>
  events.http('apiGatewayV2', {
    method: 'POST',
    path: '/orders',
    headers: { 'x-api-key': apiKey, 'idempotency-key': 'template' },
    body,
  })

const withKey = (template: APIGatewayProxyEventV2, key: string): APIGatewayProxyEventV2 => ({
  ...template,
  headers: { ...template.headers, 'idempotency-key': key },
})

/** A batch of ten: nine valid shipments and one whose body fails the schema (the partial failure). */
export function sqsBatch(prefix: string): SQSEvent {
  const template = events.sqs(
    Array.from({ length: 10 }, (_, index) => ({
      body:
        index === 6
          ? JSON.stringify({ orderId: '', sku: 'tea', qty: 0 })
          : JSON.stringify({ orderId: `o-${index}`, sku: 'tea', qty: index + 1 }),
    })),
  )
  return {
    Records: template.Records.map((record, index) => ({ ...record, messageId: `${prefix}-${index}` })),
  }
}

/** Makes the n-th invocation of a case; `run` tells calls of different processes apart. */
export function invocationsOf(warmCase: WarmCase, run: string): (n: number) => Invocation {
  const valid = orderEvent({ sku: 'tea', qty: 2 })
  const invalid = orderEvent({ sku: '', qty: 0 })
  switch (warmCase) {
    case 'http valid':
      return (n) => ({ event: withKey(valid, `${run}-${n}`), context: createContext() })
    case 'http duplicate':
      return () => ({ event: withKey(valid, `${run}-duplicate`), context: createContext() })
    case 'http invalid body':
      return (n) => ({ event: withKey(invalid, `${run}-${n}`), context: createContext() })
    case 'sqs batch of 10': {
      const template = sqsBatch('template')
      return (n) => ({
        event: {
          Records: template.Records.map((record, index) => ({
            ...record,
            messageId: `${run}-${n}-${index}`,
          })),
        },
        context: createContext(),
      })
    }
  }
}

/** A short, comparable summary of an answer: the status (HTTP) or the failed message ids (SQS). */
export function summarize(answer: unknown): string {
  const value = answer as {
    statusCode?: number
    body?: string
    batchItemFailures?: { itemIdentifier: string }[]
  }
  if (value?.batchItemFailures !== undefined)
    return `failures: ${value.batchItemFailures.map((failure) => failure.itemIdentifier.split('-').pop()).join(',')}`
  return `status ${value?.statusCode}`
}
