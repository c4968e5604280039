import {
  ConditionalCheckFailedException,
  DeleteItemCommand,
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type LocalDynamo, startLocalDynamo } from '../../../src/index.js'

const table = 'things'

async function failedWrite(write: () => Promise<unknown>) {
  const error = await write().catch((caught: unknown) => caught)
  expect(error).toBeInstanceOf(ConditionalCheckFailedException)
  return error as ConditionalCheckFailedException
}

describe.each([
  [true, { id: { S: 'a' }, n: { N: '1' } }],
  [false, undefined],
] as const)('startLocalDynamo({ returnOldItemOnConditionFailure: %s })', (returnOld, expectedOld) => {
  let local: LocalDynamo
  let client: DynamoDBClient

  beforeAll(async () => {
    local = await startLocalDynamo({ returnOldItemOnConditionFailure: returnOld })
    await local.createTable({
      TableName: table,
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
    })
    client = local.client()
    await client.send(new PutItemCommand({ TableName: table, Item: { id: { S: 'a' }, n: { N: '1' } } }))
  })
  afterAll(() => local.stop())

  it('listens on loopback', () => {
    expect(local.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
  })

  it.each(['PutItem', 'UpdateItem', 'DeleteItem'] as const)(
    'a failed conditional %s asking for ALL_OLD carries the old item only when the option is on',
    async (operation) => {
      const condition = {
        ConditionExpression: 'attribute_not_exists(id)',
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      } as const
      const key = { id: { S: 'a' } }
      const send = {
        PutItem: () =>
          client.send(
            new PutItemCommand({ TableName: table, Item: { ...key, n: { N: '2' } }, ...condition }),
          ),
        UpdateItem: () =>
          client.send(
            new UpdateItemCommand({
              TableName: table,
              Key: key,
              UpdateExpression: 'SET n = :n',
              ExpressionAttributeValues: { ':n': { N: '3' } },
              ...condition,
            }),
          ),
        DeleteItem: () => client.send(new DeleteItemCommand({ TableName: table, Key: key, ...condition })),
      }[operation]
      const failure = await failedWrite(send)
      expect(failure.Item).toEqual(expectedOld)
    },
  )

  it('does not add an item to a failure that did not ask for ALL_OLD', async () => {
    const failure = await failedWrite(() =>
      client.send(
        new PutItemCommand({
          TableName: table,
          Item: { id: { S: 'a' } },
          ConditionExpression: 'attribute_not_exists(id)',
        }),
      ),
    )
    expect(failure.Item).toBeUndefined()
  })

  it('stop() is safe to call twice and closes the endpoint', async () => {
    const other = await startLocalDynamo({ returnOldItemOnConditionFailure: returnOld })
    await other.stop()
    await other.stop()
    const closed = await fetch(other.endpoint).catch((error: unknown) => error)
    expect(closed).toBeInstanceOf(Error)
  })
})

describe('calls and faults', () => {
  let local: LocalDynamo
  let client: DynamoDBClient

  beforeAll(async () => {
    local = await startLocalDynamo()
    await local.createIdempotencyTable('one')
    await local.createIdempotencyTable('two')
    client = local.client()
  })
  afterAll(() => local.stop())

  it('counts requests by operation and by table, not the table setup', async () => {
    expect(local.calls()).toBe(0)
    await client.send(new PutItemCommand({ TableName: 'one', Item: { id: { S: 'a' } } }))
    await client.send(new PutItemCommand({ TableName: 'two', Item: { id: { S: 'a' } } }))
    await client.send(new GetItemCommand({ TableName: 'two', Key: { id: { S: 'a' } } }))
    expect(local.calls()).toBe(3)
    expect(local.calls('PutItem')).toBe(2)
    expect(local.calls('PutItem', 'two')).toBe(1)
    expect(local.calls('GetItem', 'one')).toBe(0)
    local.resetCalls()
    expect(local.calls()).toBe(0)
  })

  it('answers an injected error the number of times asked, on the table asked', async () => {
    local.inject({ operation: 'PutItem', tableName: 'one', fault: 'server-error', times: 1 })
    const failed = await client
      .send(new PutItemCommand({ TableName: 'one', Item: { id: { S: 'b' } } }))
      .catch((error: unknown) => error)
    expect(failed).toMatchObject({ name: 'InternalServerError', $metadata: { httpStatusCode: 500 } })
    await client.send(new PutItemCommand({ TableName: 'two', Item: { id: { S: 'b' } } }))
    await client.send(new PutItemCommand({ TableName: 'one', Item: { id: { S: 'b' } } }))
    local.inject({ operation: 'GetItem', fault: 'throttle', times: 1 })
    const throttled = await client
      .send(new GetItemCommand({ TableName: 'two', Key: { id: { S: 'b' } } }))
      .catch((error: unknown) => error)
    expect(throttled).toMatchObject({ name: 'ThrottlingException' })
    local.clearFaults()
  })

  it('counts a table named __proto__ as any other, and answers a malformed request without stopping', async () => {
    await local.createIdempotencyTable('__proto__')
    local.resetCalls()
    await client.send(new PutItemCommand({ TableName: '__proto__', Item: { id: { S: 'a' } } }))
    expect(local.calls('PutItem', '__proto__')).toBe(1)
    expect(local.calls('PutItem', 'constructor')).toBe(0)
    const malformed = await fetch(local.endpoint, {
      method: 'POST',
      headers: { 'x-amz-target': 'DynamoDB_20120810.PutItem', 'content-type': 'application/x-amz-json-1.0' },
      body: '{"TableName": ',
    })
    expect(malformed.status).toBeGreaterThanOrEqual(400)
    expect(local.calls('PutItem')).toBe(2)
    await client.send(new GetItemCommand({ TableName: '__proto__', Key: { id: { S: 'a' } } }))
    expect(local.calls()).toBe(3)
  })

  it('holds answers back by the injected latency, on the scope asked', async () => {
    local.inject({ latencyMs: 300, operation: 'GetItem', tableName: 'one' })
    const order: string[] = []
    const slow = client
      .send(new GetItemCommand({ TableName: 'one', Key: { id: { S: 'a' } } }))
      .then(() => order.push('one'))
    const fast = client
      .send(new GetItemCommand({ TableName: 'two', Key: { id: { S: 'a' } } }))
      .then(() => order.push('two'))
    await Promise.all([slow, fast])
    expect(order).toEqual(['two', 'one'])
    local.clearFaults()
  })
})
