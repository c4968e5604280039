import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { setTimeout as sleep } from 'node:timers/promises'
import { ConditionalCheckFailedException, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb'
import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs'
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm'
import {
  http,
  lambda,
  postToConnection,
  reply,
  replyStream,
  schedule,
  sns,
  streamingHttp,
} from '@tsumiki/core'
import type { APIGatewayProxyEvent } from 'aws-lambda'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { itRunsEveryBlock } from '../../../test/support/markdown-blocks.js'
import {
  createContext,
  deepMerge,
  events,
  type HttpRequestInit,
  invoke,
  invokeStream,
  marshall,
  startLocalAws,
  startLocalDynamo,
  startLocalManagementApi,
} from '../src/index.js'
import { type LocalRuntime, startLocalRuntime } from '../src/local/runtime/index.js'
import { buildFixtureFunctions } from './support/build-fixtures.js'

// Every ```ts block of README.md is here, line for line (the test at the end checks that), and runs.

describe('README: Use it', () => {
  const handler = lambda(http()).handle(({ pathParams, query }) => ({
    orderId: pathParams.id,
    verbose: query.verbose === 'true',
  }))

  it('answers GET /orders/{id}', async () => {
    const event = events.http('apiGatewayV2', {
      path: '/orders/42',
      pathParams: { id: '42' },
      query: { verbose: 'true' },
    })

    const response = await invoke(handler, event)

    expect(response.statusCode).toBe(200)
    expect(JSON.parse(response.body ?? '')).toEqual({ orderId: '42', verbose: true })
  })
})

describe('README: HTTP', () => {
  it('puts one request where each front door puts it', () => {
    const request: HttpRequestInit = {
      method: 'POST',
      path: '/orders',
      query: { tag: ['a', 'b'] },
      headers: { 'X-Request-Id': 'req-7' },
      cookies: { session: 'abc' },
      body: { sku: 'tea', qty: 2 }, // an object is sent as JSON, with its content type
    }

    const rest = events.http('apiGatewayV1', request) // APIGatewayProxyEvent
    expect(rest.httpMethod).toBe('POST')
    expect(rest.multiValueQueryStringParameters).toEqual({ tag: ['a', 'b'] })
    expect(rest.headers.Cookie).toBe('session=abc')

    const httpApi = events.http('apiGatewayV2', request) // APIGatewayProxyEventV2
    expect(httpApi.rawQueryString).toBe('tag=a&tag=b')
    expect(httpApi.queryStringParameters).toEqual({ tag: 'a,b' })
    expect(httpApi.headers['x-request-id']).toBe('req-7')
    expect(httpApi.cookies).toEqual(['session=abc'])
    expect(httpApi.body).toBe('{"sku":"tea","qty":2}')

    const url = events.http('functionUrl', request) // LambdaFunctionURLEvent
    expect(url.requestContext.domainName).toMatch(/\.lambda-url\.us-east-1\.on\.aws$/)

    const lb = events.http('alb', request, { multiValueHeaders: true }) // ALBEvent
    expect(lb.multiValueQueryStringParameters).toEqual({ tag: ['a', 'b'] })
  })

  it('makes each event directly, from overrides of its own fields', () => {
    const v1 = events.apiGatewayV1({ httpMethod: 'DELETE', path: '/orders/42', resource: '/orders/{id}' })
    expect(v1.requestContext.resourcePath).toBe('/orders/{id}') // follows `resource`

    const v2 = events.apiGatewayV2({ rawQueryString: 'page=2&page=3' })
    expect(v2.queryStringParameters).toEqual({ page: '2,3' }) // follows `rawQueryString`

    const url = events.functionUrl({ requestContext: { http: { method: 'PUT' } } })
    expect(url.requestContext.http.method).toBe('PUT')

    const lb = events.alb({ path: '/health' })
    expect(lb.body).toBe('') // ALB sends an empty body, not null
  })
})

describe('README: SQS', () => {
  it('makes a standard queue batch', () => {
    const event = events.sqs([
      { body: JSON.stringify({ orderId: 'o-1' }) },
      { body: JSON.stringify({ orderId: 'o-2' }), attributes: { ApproximateReceiveCount: '3' } },
      { messageAttributes: { tenant: { dataType: 'String', stringValue: 'acme' } } },
    ])

    expect(event.Records).toHaveLength(3)
    expect(event.Records[0]?.messageId).not.toBe(event.Records[1]?.messageId) // fresh UUIDs
    expect(event.Records[0]?.eventSourceARN).toBe('arn:aws:sqs:us-east-1:123456789012:my-queue')
    expect(event.Records[1]?.attributes.ApproximateReceiveCount).toBe('3')
    expect(event.Records[2]?.md5OfMessageAttributes).toMatch(/^[0-9a-f]{32}$/) // as SQS computes it
  })

  it('makes a FIFO batch', () => {
    const event = events.sqs(
      [
        { body: 'a-1', attributes: { MessageGroupId: 'A' } },
        { body: 'b-1', attributes: { MessageGroupId: 'B' } },
        { body: 'a-2', attributes: { MessageGroupId: 'A' } },
      ],
      { fifo: true }, // or { queueArn: 'arn:aws:sqs:eu-west-1:111122223333:orders.fifo' }
    )

    const [first, , third] = event.Records
    expect(first?.eventSourceARN).toBe('arn:aws:sqs:us-east-1:123456789012:my-queue.fifo')
    expect(first?.attributes.MessageDeduplicationId).toMatch(/^[0-9a-f]{64}$/) // SHA-256 of the body
    expect(BigInt(third?.attributes.SequenceNumber ?? 0)).toBeGreaterThan(
      BigInt(first?.attributes.SequenceNumber ?? 0),
    )
  })
})

describe('README: SNS', () => {
  const received: string[] = []
  const handler = lambda(sns()).handle(({ body, subject }) => {
    received.push(`${subject}: ${body}`)
  })

  it('delivers each notification to the handler', async () => {
    const event = events.sns([
      { Sns: { Subject: 'shipped', Message: JSON.stringify({ orderId: 'o-1' }) } },
      { Sns: { Subject: 'shipped', Message: JSON.stringify({ orderId: 'o-2' }) } },
    ])

    await invoke(handler, event)

    expect(received).toEqual(['shipped: {"orderId":"o-1"}', 'shipped: {"orderId":"o-2"}'])
    expect(event.Records[0]?.Sns.TopicArn).toBe('arn:aws:sns:us-east-1:123456789012:my-topic')
  })
})

describe('README: S3', () => {
  it('encodes the object key as S3 notifications do', () => {
    const event = events.s3([
      { s3: { bucket: { name: 'invoices' }, object: { key: '2026/my invoice.pdf', size: 5120 } } },
      { eventName: 'ObjectRemoved:Delete' },
    ])

    const [created, removed] = event.Records
    expect(created?.s3.object.key).toBe('2026/my+invoice.pdf') // decode it as your handler must
    expect(created?.s3.bucket.arn).toBe('arn:aws:s3:::invoices')
    expect(created?.eventName).toBe('ObjectCreated:Put')
    expect(removed?.eventName).toBe('ObjectRemoved:Delete')
  })
})

describe('README: EventBridge and schedules', () => {
  it('makes a custom event typed by its detail', () => {
    type OrderPlaced = { orderId: string; total: number }
    const event = events.eventBridge<'OrderPlaced', OrderPlaced>({
      source: 'com.example.orders',
      'detail-type': 'OrderPlaced',
      detail: { orderId: 'o-1', total: 42 },
    })

    expect(event.detail.total).toBe(42) // typed: OrderPlaced
    expect(event.account).toBe('123456789012')
  })

  it('makes a scheduled event and runs a schedule() handler with it', async () => {
    const runs: (string | undefined)[] = []
    const handler = lambda(schedule()).handle(({ scheduleArn }) => {
      runs.push(scheduleArn)
    })

    await invoke(
      handler,
      events.schedule({ resources: ['arn:aws:events:us-east-1:123456789012:rule/nightly'] }),
    )

    expect(runs).toEqual(['arn:aws:events:us-east-1:123456789012:rule/nightly'])
    expect(events.schedule().time).toMatch(/:00Z$/) // schedules fire on the minute
  })
})

describe('README: Kinesis', () => {
  it('encodes `json` as the record data', () => {
    const event = events.kinesis([
      { json: { orderId: 'o-1' }, kinesis: { partitionKey: 'customer-7' } },
      { kinesis: { data: Buffer.from('plain text').toString('base64') } },
    ])

    const [first, second] = event.Records
    expect(JSON.parse(Buffer.from(first?.kinesis.data ?? '', 'base64').toString())).toEqual({
      orderId: 'o-1',
    })
    expect(first?.kinesis.partitionKey).toBe('customer-7')
    expect(first?.eventID).toBe(`shardId-000000000000:${first?.kinesis.sequenceNumber}`)
    expect(BigInt(second?.kinesis.sequenceNumber ?? 0)).toBeGreaterThan(
      BigInt(first?.kinesis.sequenceNumber ?? 0),
    )
  })
})

describe('README: DynamoDB Streams', () => {
  it('marshalls plain items into the images', () => {
    const event = events.dynamodbStream([
      { newItem: { pk: 'o-1', total: 40 }, keys: { pk: 'o-1' } }, // INSERT
      { oldItem: { pk: 'o-1', total: 40 }, newItem: { pk: 'o-1', total: 42 }, keys: { pk: 'o-1' } }, // MODIFY
      { oldItem: { pk: 'o-1', total: 42 }, keys: { pk: 'o-1' } }, // REMOVE
    ])

    expect(event.Records.map((record) => record.eventName)).toEqual(['INSERT', 'MODIFY', 'REMOVE'])
    expect(event.Records[1]?.dynamodb?.NewImage).toEqual({ pk: { S: 'o-1' }, total: { N: '42' } })
    expect(event.Records[0]?.dynamodb?.Keys).toEqual(marshall({ pk: 'o-1' }))
  })
})

describe('README: Overrides', () => {
  it('merges overrides at any depth', () => {
    const event = events.apiGatewayV1({
      requestContext: { identity: { sourceIp: '198.51.100.7' }, stage: 'staging' },
      headers: { Authorization: 'Bearer token' },
      multiValueQueryStringParameters: { ids: ['1', '2'] }, // arrays replace, they do not merge
      body: null, // null sets null; undefined keeps the default
    })

    expect(event.requestContext.identity.sourceIp).toBe('198.51.100.7')
    expect(event.requestContext.identity.userAgent).toBe('curl/8.5.0') // default kept
    expect(event.requestContext.path).toBe('/staging/') // follows the stage
    expect(event.multiValueHeaders.Authorization).toEqual(['Bearer token']) // the other map follows
    expect(event.queryStringParameters).toEqual({ ids: '2' })
  })

  it('merges your own defaults with deepMerge', () => {
    const base = events.apiGatewayV1({ headers: { 'X-Tenant': 'acme' } })
    const withBody: APIGatewayProxyEvent = deepMerge(base, { httpMethod: 'POST', body: '{"qty":1}' })

    expect(withBody.headers['X-Tenant']).toBe('acme')
    expect(withBody.httpMethod).toBe('POST')
    expect(base.httpMethod).toBe('GET') // inputs are never mutated
  })
})

describe('README: createContext', () => {
  it('counts the remaining time down', () => {
    vi.useFakeTimers()
    const context = createContext({ remainingMs: 3_000, functionName: 'orders-api', awsRequestId: 'req-1' })

    vi.advanceTimersByTime(1_000)

    expect(context.getRemainingTimeInMillis()).toBe(2_000)
    expect(context.invokedFunctionArn).toBe('arn:aws:lambda:us-east-1:123456789012:function:orders-api')
    vi.useRealTimers()
  })

  it('lets the deadline guard answer 504 before the timeout', async () => {
    vi.spyOn(process.stdout, 'write').mockReturnValue(true) // the 504 is logged there
    const slow = lambda(http(), { deadlineMarginMs: 500 }).handle(async ({ signal }) => {
      await sleep(5_000, undefined, { signal }) // the guard aborts `signal` too
      return { done: true }
    })

    const response = await invoke(slow, events.http('apiGatewayV2'), { remainingMs: 600 })

    expect(response.statusCode).toBe(504) // 100 ms in, not 5 s
    vi.restoreAllMocks()
  })
})

describe('README: invoke', () => {
  const handler = lambda(http()).handle(({ context }) => ({ requestId: context.awsRequestId }))

  it('takes a context, the options of one, or nothing', async () => {
    const event = events.http('functionUrl')

    const withDefaults = await invoke(handler, event) // 30 s left, fresh request id
    const fromOptions = await invoke(handler, event, { awsRequestId: 'req-1', remainingMs: 5_000 })
    const given = await invoke(handler, event, createContext({ awsRequestId: 'req-2' }))

    expect(JSON.parse(withDefaults.body ?? '').requestId).toMatch(/^[0-9a-f-]{36}$/)
    expect(JSON.parse(fromOptions.body ?? '').requestId).toBe('req-1')
    expect(JSON.parse(given.body ?? '').requestId).toBe('req-2')
  })

  it('rejects with what the handler throws', async () => {
    const plain = async (event: { orderId?: string }) => {
      if (!event.orderId) throw new Error('orderId is required')
      return event.orderId
    }

    await expect(invoke(plain, {})).rejects.toThrow('orderId is required')
    expect(await invoke(plain, { orderId: 'o-1' })).toBe('o-1')
  })
})

describe('README: invokeStream', () => {
  const report = lambda(streamingHttp()).handle(() =>
    replyStream({ headers: { 'content-type': 'text/csv' }, body: ['id,total\n', 'o-1,42\n'] }),
  )

  it('reads a streamed answer chunk by chunk', async () => {
    const response = invokeStream(report, events.http('functionUrl', { path: '/report' }))
    expect(await response.head).toMatchObject({ status: 200, headers: { 'content-type': 'text/csv' } })
    const chunks: string[] = []
    for await (const chunk of response) chunks.push(Buffer.from(chunk).toString('utf8'))
    expect(chunks).toEqual(['id,total\n', 'o-1,42\n'])
    expect((await response.done).error).toBeUndefined()
  })
})

describe('README: Core logic without AWS', () => {
  // src/place-order.ts
  interface Order {
    readonly id: string
    readonly sku: string
    readonly qty: number
    readonly placedAt: string
  }

  interface PlaceOrderDeps {
    readonly newId: () => string
    readonly now: () => Date
    readonly saveOrder: (order: Order) => Promise<void>
  }

  async function placeOrder(input: { sku: string; qty: number }, deps: PlaceOrderDeps): Promise<Order> {
    if (input.qty < 1) throw new RangeError('qty must be at least 1')
    const order = { id: deps.newId(), sku: input.sku, qty: input.qty, placedAt: deps.now().toISOString() }
    await deps.saveOrder(order)
    return order
  }

  // Stands in for the README's `saveOrder` from './orders-table.js'.
  const table: Order[] = []
  async function saveOrder(order: Order): Promise<void> {
    table.push(order)
  }

  // src/handler.ts
  const createHandler = (deps: PlaceOrderDeps) =>
    lambda(http()).handle(async ({ body }) => {
      const order = await placeOrder(JSON.parse(body ?? '{}'), deps)
      return reply({ status: 201, body: order })
    })

  const handler = createHandler({ newId: randomUUID, now: () => new Date(), saveOrder })

  // test/fake-deps.ts
  function fakeDeps() {
    const saved: Order[] = []
    const deps: PlaceOrderDeps = {
      newId: () => 'o-1',
      now: () => new Date('2026-01-02T03:04:05.000Z'),
      saveOrder: async (order) => {
        saved.push(order)
      },
    }
    return { deps, saved }
  }

  // test/place-order.test.ts
  it('places an order', async () => {
    const { deps, saved } = fakeDeps()

    const order = await placeOrder({ sku: 'tea', qty: 2 }, deps)

    expect(order).toEqual({ id: 'o-1', sku: 'tea', qty: 2, placedAt: '2026-01-02T03:04:05.000Z' })
    expect(saved).toEqual([order])
  })

  it('refuses an empty order and saves nothing', async () => {
    const { deps, saved } = fakeDeps()

    await expect(placeOrder({ sku: 'tea', qty: 0 }, deps)).rejects.toThrow(RangeError)
    expect(saved).toEqual([])
  })

  // test/handler.test.ts
  it('answers 201 with the order', async () => {
    const { deps, saved } = fakeDeps()
    const event = events.http('apiGatewayV2', {
      method: 'POST',
      path: '/orders',
      body: { sku: 'tea', qty: 2 },
    })

    const response = await invoke(createHandler(deps), event)

    expect(response.statusCode).toBe(201)
    expect(JSON.parse(response.body ?? '')).toEqual(saved[0])
  })

  it('wires the real dependencies in the exported handler', async () => {
    const response = await invoke(
      handler,
      events.http('apiGatewayV2', { method: 'POST', body: { sku: 'tea', qty: 1 } }),
    )
    expect(response.statusCode).toBe(201)
    expect(table).toEqual([JSON.parse(response.body ?? '')])
  })
})

describe('README: As Lambda runs it', { timeout: 30_000 }, () => {
  // The README runs from a project root holding dist/handler.mjs: here, the bundled test fixture's.
  const startedIn = process.cwd()
  let fixtures: Awaited<ReturnType<typeof buildFixtureFunctions>>
  beforeAll(async () => {
    fixtures = await buildFixtureFunctions()
    process.chdir(fixtures.root)
  })
  afterAll(() => {
    process.chdir(startedIn)
    fixtures.remove()
  })

  describe('the bundled orders function', () => {
    let runtime: LocalRuntime
    beforeAll(async () => {
      // dist/handler.mjs (or .js, .cjs) exports `handler`; paths are relative to `cwd`, default process.cwd().
      runtime = await startLocalRuntime({ handler: 'dist/handler.handler', env: { ORDERS_TABLE: 'orders' } })
    })
    afterAll(() => runtime.stop())

    it('starts cold, then answers warm', async () => {
      const event = events.http('apiGatewayV2', { path: '/orders/42', pathParams: { id: '42' } })

      const cold = await runtime.invoke(event)
      const warm = await runtime.invoke(event)

      expect(cold.coldStart).toBe(true)
      expect(cold.initDurationMs).toBe(runtime.init.durationMs)
      expect(cold.result).toMatchObject({ statusCode: 200 })
      expect(warm.coldStart).toBe(false)
      expect(warm.logs.json).toContainEqual(expect.objectContaining({ message: 'order read' }))
    })

    it('reports what the handler throws, as Lambda does', async () => {
      const failed = await runtime.invoke({ not: 'an HTTP event' })

      expect(failed.error?.errorType).toBe('InvalidEventError')
      expect(failed.result).toBeUndefined()
    })
  })
})

describe('README: Local AWS', () => {
  it('answers the real SDK clients, counts calls, injects faults and keeps queue messages', async () => {
    const aws = await startLocalAws({
      parameters: { '/app/table': 'orders', '/app/db-password': { value: 's3cret', type: 'SecureString' } },
      secrets: { 'app/api-key': 'key-123' },
      queues: ['jobs', 'jobs-dlq.fifo'],
    })
    const config = {
      endpoint: aws.endpoint,
      region: aws.region,
      credentials: aws.credentials,
      maxAttempts: 1,
    }
    const ssm = new SSMClient(config)
    const sqs = new SQSClient(config)

    const { Parameter } = await ssm.send(new GetParameterCommand({ Name: '/app/table' }))
    expect(Parameter?.Value).toBe('orders')
    expect(aws.calls('GetParameter')).toBe(1)

    aws.inject({ operation: 'GetParameter', fault: 'throttle', times: 1 }) // the next GetParameter: ThrottlingException
    await expect(ssm.send(new GetParameterCommand({ Name: '/app/table' }))).rejects.toThrow('Rate exceeded')
    aws.setParameter('/app/table', 'orders-v2') // a new version, as after an update
    aws.inject({ latencyMs: 20 }) // every answer 20 ms late, until clearFaults()
    aws.clearFaults()

    const dlq = aws.queue('jobs-dlq.fifo')
    const sent = await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: dlq.url,
        Entries: [
          {
            Id: 'r1',
            MessageBody: '{"orderId":"o-1"}',
            MessageGroupId: 'orders',
            MessageDeduplicationId: 'r1',
          },
          { Id: 'r2', MessageBody: '{"orderId":"o-2"}' }, // a FIFO queue needs a MessageGroupId
        ],
      }),
    )
    expect(sent.Failed?.map((entry) => [entry.Id, entry.Code])).toEqual([['r2', 'MissingParameter']])
    expect(dlq.bodies()).toEqual([{ orderId: 'o-1' }])

    ssm.destroy()
    sqs.destroy()
    await aws.stop()
  }, 30_000) // the SDK clients load inside the test
})

describe('README: Local DynamoDB', () => {
  it('writes, reads and returns the old item of a failed conditional put', async () => {
    const local = await startLocalDynamo({ returnOldItemOnConditionFailure: true })
    await local.createIdempotencyTable('idempotency') // partition key `id` (string); createTable() takes any definition
    const client = local.client() // a DynamoDBClient for http://127.0.0.1:<port>, fake credentials, one region

    await client.send(new PutItemCommand({ TableName: 'idempotency', Item: { id: { S: 'order-1' } } }))
    const { Item } = await client.send(
      new GetItemCommand({ TableName: 'idempotency', Key: { id: { S: 'order-1' } }, ConsistentRead: true }),
    )
    expect(Item).toEqual({ id: { S: 'order-1' } })

    const failure = await client
      .send(
        new PutItemCommand({
          TableName: 'idempotency',
          Item: { id: { S: 'order-1' }, note: { S: 'again' } },
          ConditionExpression: 'attribute_not_exists(id)',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      )
      .catch((error: unknown) => error)
    expect(failure).toBeInstanceOf(ConditionalCheckFailedException)
    expect((failure as ConditionalCheckFailedException).Item).toEqual({ id: { S: 'order-1' } })

    await local.stop() // in your teardown (afterAll)
  })

  it('counts calls and injects faults', async () => {
    const dynamo = await startLocalDynamo()
    await dynamo.createIdempotencyTable('idempotency') // table setup is not counted
    const client = dynamo.client() // one attempt per call: an injected error reaches your code
    dynamo.inject({ operation: 'PutItem', tableName: 'idempotency', fault: 'throttle', times: 1 }) // 400 ThrottlingException
    dynamo.inject({ latencyMs: 50, operation: 'GetItem' }) // every GetItem answers 50 ms late

    const put = new PutItemCommand({ TableName: 'idempotency', Item: { id: { S: 'order-2' } } })
    await expect(client.send(put)).rejects.toMatchObject({ name: 'ThrottlingException' })
    await client.send(put) // the fault was for one call
    await client.send(new GetItemCommand({ TableName: 'idempotency', Key: { id: { S: 'order-2' } } }))
    expect(dynamo.calls()).toBe(3)
    expect(dynamo.calls('PutItem', 'idempotency')).toBe(2)

    dynamo.resetCalls()
    dynamo.clearFaults()
    await dynamo.stop()
  })
})

describe('README: Local API Gateway Management API', () => {
  it('takes a post to a connection from postToConnection() and keeps it', async () => {
    process.env.AWS_REGION ??= 'us-east-1'
    process.env.AWS_ACCESS_KEY_ID ??= 'local'
    process.env.AWS_SECRET_ACCESS_KEY ??= 'local'
    const api = await startLocalManagementApi({ stage: 'production' })
    const connectionId = api.connect()
    await postToConnection(
      { connectionId, domainName: 'unused', stage: 'production' },
      { hello: 1 },
      {
        endpoint: api.endpoint,
      },
    )
    const messages = api.connection(connectionId)?.messages // ['{"hello":1}']
    await api.stop()
    expect(messages).toEqual(['{"hello":1}'])
  })
})

describe('README.md', () => {
  itRunsEveryBlock(
    readFileSync(new URL('../README.md', import.meta.url), 'utf8'),
    readFileSync(new URL(import.meta.url), 'utf8'),
    {
      blocks: 28,
      // This package's entries, as the README imports them, and their sources, as this file does.
      sourceEntries: {
        '@tsumiki/testing': '../src/index.js',
        '@tsumiki/testing/runtime': '../src/local/runtime/index.js',
      },
    },
  )
})
