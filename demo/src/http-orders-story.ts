import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm'
import {
  expressDeliveryFlag,
  flagsMaxAgeMs,
  localAllowedOrigin,
  localApiKey,
  localFlagsTarget,
  prepareLocalEnvironment,
} from '@tsumiki/example-http-orders/local-environment'
import { events } from '@tsumiki/testing'
import type { LocalInvocation } from '@tsumiki/testing/runtime'
import { takeAwsCalls } from './aws-calls.js'
import { type DemoFunction, startFunction } from './functions.js'
import { metricsLinesOf, total } from './metrics-line.js'
import { recordInvocation } from './record-invocation.js'
import { type Check, check, type InvocationRecord, type Step, type StoryServices } from './step.js'

interface HttpAnswer {
  readonly statusCode?: number
  readonly headers?: Readonly<Record<string, string>>
  readonly body?: string
}

const order = { customerId: 'c-42', items: [{ sku: 'tsumiki-blocks', qty: 2 }] }

function post(idempotencyKey: string, body: object) {
  return events.http('apiGatewayV2', {
    method: 'POST',
    path: '/orders',
    headers: {
      'content-type': 'application/json',
      origin: localAllowedOrigin,
      'x-api-key': localApiKey,
      'idempotency-key': idempotencyKey,
    },
    body,
  })
}

function answerOf(invocation: LocalInvocation): HttpAnswer {
  return (invocation.result ?? {}) as HttpAnswer
}

function parsedBody(invocation: LocalInvocation): Record<string, unknown> {
  const { body } = answerOf(invocation)
  if (body === undefined) return {}
  try {
    return JSON.parse(body) as Record<string, unknown>
  } catch {
    return { unparsed: body }
  }
}

function render(invocation: LocalInvocation): string {
  if (invocation.error !== undefined)
    return `error ${invocation.error.errorType}: ${invocation.error.errorMessage}`
  const { statusCode, body } = answerOf(invocation)
  return `${statusCode ?? '?'} ${body ?? ''}`
}

const loggedOrderPlaced = (invocation: LocalInvocation): boolean =>
  invocation.logs.json.some((line) => line.message === 'order placed')

const record = (fn: DemoFunction, request: string, event: unknown): Promise<InvocationRecord> =>
  recordInvocation(fn, request, event, render)

/**
 * The orders API: a valid order, the same order again (replayed), an invalid one, a read served from warm
 * parameters, a duplicate sent while the first is still running, to a second execution environment, and a feature
 * flag flipped in AppConfig that the warm environment picks up without a deploy.
 */
export async function httpOrdersSteps(services: StoryServices): Promise<Step[]> {
  const { dynamo, aws } = services
  const env = await prepareLocalEnvironment({ dynamo, aws })
  const ssm = new SSMClient({ endpoint: aws.endpoint, region: aws.region, credentials: aws.credentials })
  const tableParameter = env.ORDERS_TABLE_PARAMETER ?? ''
  const { Parameter } = await ssm.send(new GetParameterCommand({ Name: tableParameter }))
  ssm.destroy()
  const ordersTable = Parameter?.Value ?? ''
  const first = await startFunction('http-orders', env, services)
  takeAwsCalls(dynamo, aws)
  let placedOrderId = ''
  let firstBody = ''
  // When the first environment read its feature flags (at its cold start, before the first answer).
  let flagsReadAtMs = Date.now()

  return [
    {
      title: 'POST /orders — a valid order',
      shows:
        'cold start: the orders table name (SSM), the API key (Secrets Manager) and the feature flags (AppConfig) are read once, at init',
      async run() {
        const placed = await record(first, 'POST /orders  Idempotency-Key: order-1', post('order-1', order))
        flagsReadAtMs = Date.now()
        const writes = dynamo.calls('PutItem', ordersTable)
        const calls = takeAwsCalls(dynamo, aws)
        const body = parsedBody(placed.invocation)
        placedOrderId = typeof body.id === 'string' ? body.id : ''
        firstBody = answerOf(placed.invocation).body ?? ''
        return {
          invocations: [placed],
          calls,
          checks: [
            check('201 Created', answerOf(placed.invocation).statusCode === 201, placed.answer),
            check('a cold start', placed.invocation.coldStart),
            check(
              'parameters fetched at init: SSM and Secrets Manager called',
              calls.ssm > 0 && calls.secretsManager > 0,
              calls,
            ),
            check('the order is written to the orders table', writes === 1, `${writes} PutItem`),
            check(
              'one metrics line: the order placed, the 201, and the cold start’s three reads (table name, API key, flags)',
              metricsLinesOf(placed.invocation).length === 1 &&
                total(metricsLinesOf(placed.invocation), 'ordersPlaced') === 1 &&
                total(metricsLinesOf(placed.invocation), 'Http2xx') === 1 &&
                total(metricsLinesOf(placed.invocation), 'ParameterFetches') === 3,
              metricsLinesOf(placed.invocation),
            ),
          ],
        }
      },
    },
    {
      title: 'POST /orders — the same order again (the client retried)',
      shows:
        'idempotency on the Idempotency-Key header: the stored answer is replayed, the core does not run',
      async run() {
        const replayed = await record(first, 'POST /orders  Idempotency-Key: order-1', post('order-1', order))
        const writes = dynamo.calls('PutItem', ordersTable)
        const calls = takeAwsCalls(dynamo, aws)
        return {
          invocations: [replayed],
          calls,
          checks: [
            check(
              '201 with the very same body',
              answerOf(replayed.invocation).body === firstBody,
              replayed.answer,
            ),
            check(
              'the core did not run (no "order placed" log, no write to the orders table)',
              !loggedOrderPlaced(replayed.invocation) && writes === 0,
              `${writes} PutItem`,
            ),
            check('warm: no parameter fetched again', calls.ssm === 0 && calls.secretsManager === 0, calls),
            check(
              'counted as a duplicate answered from the table, not as an order placed',
              total(metricsLinesOf(replayed.invocation), 'IdempotencyDuplicates') === 1 &&
                total(metricsLinesOf(replayed.invocation), 'ordersPlaced') === 0,
              metricsLinesOf(replayed.invocation),
            ),
          ],
        }
      },
    },
    {
      title: 'POST /orders — an invalid order',
      shows: 'validation: a 422 naming each bad field, before any DynamoDB call',
      async run() {
        const invalid = { customerId: '', items: [{ sku: 'tsumiki-blocks', qty: 0 }] }
        const refused = await record(
          first,
          'POST /orders  Idempotency-Key: order-2',
          post('order-2', invalid),
        )
        const calls = takeAwsCalls(dynamo, aws)
        const text = answerOf(refused.invocation).body ?? ''
        return {
          invocations: [refused],
          calls,
          checks: [
            check(
              '422 Unprocessable Content',
              answerOf(refused.invocation).statusCode === 422,
              refused.answer,
            ),
            check(
              'the body names body.items[0].qty and body.customerId',
              text.includes('body.items[0].qty') && text.includes('body.customerId'),
              text,
            ),
            check('no DynamoDB call', Object.keys(calls.dynamodb).length === 0, calls),
          ],
        }
      },
    },
    {
      title: 'GET /orders/{id} — read the order back',
      shows: 'warm invocation: parameters served from memory, one GetItem',
      async run() {
        const event = events.http('apiGatewayV2', {
          method: 'GET',
          path: `/orders/${placedOrderId}`,
          headers: { origin: localAllowedOrigin },
        })
        const read = await record(first, `GET /orders/${placedOrderId.slice(0, 8)}…`, event)
        const calls = takeAwsCalls(dynamo, aws)
        return {
          invocations: [read],
          calls,
          checks: [
            check(
              '200 with the order',
              answerOf(read.invocation).statusCode === 200 &&
                (answerOf(read.invocation).body ?? '').includes(placedOrderId),
              read.answer,
            ),
            check(
              'warm: no SSM or Secrets Manager call',
              calls.ssm === 0 && calls.secretsManager === 0 && !read.invocation.coldStart,
              calls,
            ),
          ],
        }
      },
    },
    {
      title: 'POST /orders twice at once — a duplicate while the first is running',
      shows:
        'two execution environments, one key: the second is told 409 (in progress), the order is placed once',
      async run() {
        const second = await startFunction('http-orders', env, services)
        takeAwsCalls(dynamo, aws)
        // The first one's order write is slow, so the duplicate arrives while it still holds the key.
        dynamo.inject({ latencyMs: 600, operation: 'PutItem', tableName: ordersTable })
        const event = post('order-3', { ...order, note: 'sent twice' })
        const firstRun = record(first, 'POST /orders  Idempotency-Key: order-3', event)
        await new Promise((resolve) => setTimeout(resolve, 150))
        const duplicate = await record(second, 'POST /orders  Idempotency-Key: order-3 (again)', event)
        const original = await firstRun
        dynamo.clearFaults()
        const writes = dynamo.calls('PutItem', ordersTable)
        const calls = takeAwsCalls(dynamo, aws)
        const checks: Check[] = [
          check('the first: 201', answerOf(original.invocation).statusCode === 201, original.answer),
          check(
            'the duplicate: 409, the first is in progress',
            answerOf(duplicate.invocation).statusCode === 409,
            duplicate.answer,
          ),
          check('one order written', writes === 1, `${writes} PutItem`),
        ]
        return { invocations: [original, duplicate], calls, checks }
      },
    },
    {
      title: 'POST /orders after a feature flag is flipped in AppConfig',
      shows:
        'feature flags: express-delivery turned on in AppConfig, no deploy; the warm environment sees it at its next poll',
      async run() {
        aws.setConfiguration(localFlagsTarget(env), { [expressDeliveryFlag]: { enabled: true } })
        // AppConfig's shortest poll interval is 15 s: the flags the first environment read at its cold start are
        // served from memory until then, and refreshed after.
        const waitMs = flagsReadAtMs + flagsMaxAgeMs + 500 - Date.now()
        if (waitMs > 0) await new Promise((resolve) => setTimeout(resolve, waitMs))
        takeAwsCalls(dynamo, aws)
        const invocations: InvocationRecord[] = []
        // The first request after the interval may be answered from memory while the flags are refreshed.
        for (let attempt = 1; attempt <= 5; attempt++) {
          const placed = await record(
            first,
            `POST /orders  Idempotency-Key: flag-${attempt}`,
            post(`flag-${attempt}`, order),
          )
          invocations.push(placed)
          if (parsedBody(placed.invocation).delivery === 'express') break
          await new Promise((resolve) => setTimeout(resolve, 200))
        }
        const sessions = aws.calls('StartConfigurationSession')
        const polls = aws.calls('GetLatestConfiguration')
        const calls = takeAwsCalls(dynamo, aws)
        const last = invocations.at(-1)
        return {
          invocations,
          calls,
          checks: [
            check(
              'an order ships express, from the same warm environment',
              last !== undefined &&
                parsedBody(last.invocation).delivery === 'express' &&
                invocations.every(({ invocation }) => !invocation.coldStart),
              invocations.map(({ answer }) => answer),
            ),
            check('one poll of the same session: no new session, no deploy', polls === 1 && sessions === 0, {
              polls,
              sessions,
            }),
          ],
        }
      },
    },
  ]
}
