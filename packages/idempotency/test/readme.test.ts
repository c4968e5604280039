import { readFileSync } from 'node:fs'
import { sqs } from '@tsumiki/batch'
import { apiGatewayV1, http, lambda, reply } from '@tsumiki/core'
import { parameters, ssm } from '@tsumiki/parameters'
import {
  events,
  invoke,
  type LocalAws,
  type LocalDynamo,
  startLocalAws,
  startLocalDynamo,
} from '@tsumiki/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { itRunsEveryBlock } from '../../../test/support/markdown-blocks.js'
import { idempotent, makeIdempotent, memoryStore } from '../src/index.js'

// Every ```ts block of README.md is here, line for line (the test at the end checks that), and runs: the default
// DynamoDB client reaches dynalite through the SDK's own endpoint variable. What a block imports from the reader's
// own modules (createOrder, chargeCard, issueRefund) is a stand-in function defined here.

let local: LocalDynamo
let aws: LocalAws
const savedEnv = { ...process.env }

beforeAll(async () => {
  local = await startLocalDynamo({ returnOldItemOnConditionFailure: true })
  await local.createIdempotencyTable('idempotency')
  aws = await startLocalAws({ parameters: { '/orders/idempotency-table': 'idempotency' } })
  Object.assign(process.env, {
    AWS_ENDPOINT_URL_DYNAMODB: local.endpoint,
    AWS_ENDPOINT_URL_SSM: aws.endpoint,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_LAMBDA_FUNCTION_NAME: 'readme',
  })
})

afterAll(async () => {
  process.env = savedEnv
  await local.stop()
  await aws.stop()
})

const orders: { id: string; sku: string }[] = []
async function createOrder(input: { sku: string }) {
  const order = { id: `o-${orders.length + 1}`, sku: input.sku }
  orders.push(order)
  return order
}

const charged: unknown[] = []
async function chargeCard(charge: unknown) {
  charged.push(charge)
}

const refunds: string[] = []
async function issueRefund(paymentId: string, cents: number) {
  refunds.push(paymentId)
  return { refundId: `r-${paymentId}`, cents }
}

describe('README: Use it', () => {
  const handler = lambda(http())
    .use(idempotent({ table: 'idempotency', expiresAfterMs: 24 * 60 * 60 * 1000 }))
    .handle(async ({ body }) => {
      const order = await createOrder(JSON.parse(body ?? '{}'))
      return reply({ status: 201, headers: { location: `/orders/${order.id}` }, body: order })
    })

  it('answers a retried POST with the first response, having created one order', async () => {
    const post = events.http('apiGatewayV2', {
      method: 'POST',
      path: '/orders',
      headers: { 'Idempotency-Key': 'k-readme' },
      body: { sku: 'tea' },
    })
    const first = await invoke(handler, post)
    const retry = await invoke(handler, post)
    expect(first.statusCode).toBe(201)
    expect(retry).toEqual(first)
    expect(orders).toEqual([{ id: 'o-1', sku: 'tea' }])
    const missing = await invoke(handler, events.http('apiGatewayV2', { method: 'POST', path: '/orders' }))
    expect(missing.statusCode).toBe(400)
  })

  const onPayment = lambda(sqs())
    .use(idempotent({ table: 'idempotency', expiresAfterMs: 60 * 60 * 1000 }))
    .handle(async ({ body }) => {
      await chargeCard(JSON.parse(body))
    })

  it('charges a redelivered message once', async () => {
    const delivery = events.sqs([{ body: '{"cents":100}' }])
    expect(await invoke(onPayment, delivery)).toEqual({ batchItemFailures: [] })
    expect(await invoke(onPayment, delivery)).toEqual({ batchItemFailures: [] })
    expect(charged).toEqual([{ cents: 100 }])
  })
})

describe('README: Whose key it is', () => {
  const onPartnerOrder = lambda(apiGatewayV1())
    .use(
      idempotent({
        table: 'idempotency',
        expiresAfterMs: 24 * 60 * 60 * 1000,
        // The API key API Gateway checked ("API key required"): each partner's keys are its own.
        caller: ({ event }) => event.requestContext.identity.apiKeyId ?? undefined,
      }),
    )
    .handle(async ({ body }) => createOrder(JSON.parse(body ?? '{}')))

  it('keeps each partner’s keys apart, and replays a partner’s own retry', async () => {
    const from = (apiKeyId: string) => {
      const event = events.http('apiGatewayV1', {
        method: 'POST',
        path: '/orders',
        headers: { 'Idempotency-Key': 'partner-key-1' },
        body: { sku: 'kelp' },
      })
      event.requestContext.identity.apiKeyId = apiKeyId
      return event
    }
    const first = await invoke(onPartnerOrder, from('key-id-a'))
    const other = await invoke(onPartnerOrder, from('key-id-b'))
    expect(JSON.parse(other.body).id).not.toBe(JSON.parse(first.body).id)
    expect(await invoke(onPartnerOrder, from('key-id-a'))).toEqual(first)
  })
})

describe('README: Its name from SSM', () => {
  const handler = lambda(http())
    .use(parameters({ idempotencyTable: ssm('/orders/idempotency-table') }))
    .use(idempotent({ table: ({ params }) => params.idempotencyTable, expiresAfterMs: 24 * 60 * 60 * 1000 }))
    .handle(async ({ body }) => createOrder(JSON.parse(body ?? '{}')))

  it('records under the table the SSM parameter names', async () => {
    const post = events.http('apiGatewayV2', {
      method: 'POST',
      path: '/orders',
      headers: { 'Idempotency-Key': 'k-readme-ssm' },
      body: { sku: 'oolong' },
    })
    const created = orders.length
    local.resetCalls()
    const first = await invoke(handler, post)
    expect(await invoke(handler, post)).toEqual(first)
    expect(orders.length).toBe(created + 1)
    // The first request's record was completed in that table; the retry found it there.
    expect(local.calls('UpdateItem', 'idempotency')).toBe(1)
  })
})

describe('README: Outside the middleware chain', () => {
  it('refunds once', async () => {
    const refund = makeIdempotent(
      async (input: { paymentId: string; cents: number }) => issueRefund(input.paymentId, input.cents),
      {
        table: 'idempotency',
        expiresAfterMs: 24 * 60 * 60 * 1000,
        key: (input) => input.paymentId,
        scope: 'refund', // an inline function has no name to keep its records apart by
      },
    )
    // Inside a handler, pass the deadline and signal so a claim never outlives the invocation:
    // await refund({ paymentId, cents }, { deadlineAtMs: request.deadlineAtMs, signal: request.signal })
    expect(await refund({ paymentId: 'p-1', cents: 5 })).toEqual({ refundId: 'r-p-1', cents: 5 })
    expect(await refund({ paymentId: 'p-1', cents: 5 })).toEqual({ refundId: 'r-p-1', cents: 5 })
    expect(refunds).toEqual(['p-1'])
  })
})

describe('README: In your unit tests', () => {
  it('runs a redelivered record once against the memory store', async () => {
    const store = memoryStore()
    const charges: string[] = []
    const onCharge = lambda(sqs())
      .use(idempotent({ store, expiresAfterMs: 60_000 }))
      .handle(({ body }) => {
        charges.push(body)
      })

    const delivery = events.sqs([{ body: 'charge order 7' }])
    await invoke(onCharge, delivery)
    await invoke(onCharge, delivery) // SQS delivered it again
    expect(charges).toEqual(['charge order 7'])
    expect(store.records()[0]?.status).toBe('COMPLETED')
  })
})

describe('README.md', () => {
  itRunsEveryBlock(
    readFileSync(new URL('../README.md', import.meta.url), 'utf8'),
    readFileSync(new URL(import.meta.url), 'utf8'),
    { blocks: 6, sourceEntries: { '@tsumiki/idempotency': '../src/index.js' }, ownModules: 'stand-in' },
  )
})
