import {
  ConditionalCheckFailedException,
  DeleteItemCommand,
  type DynamoDBClient,
  PutItemCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type LocalDynamo, startLocalDynamo } from '../src/index.js'

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
