import { createHash, randomUUID } from 'node:crypto'
import {
  ConditionalCheckFailedException,
  type DynamoDBClient,
  PutItemCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb'

/**
 * The bare handlers' idempotency, written by hand: the same requests the libraries make for a key (a conditional
 * PutItem claim returning the old item on failure, then an UpdateItem with the result), with no library around.
 */

export type Claim<Result> = { readonly done: true; readonly result: Result } | { readonly done: false }

const expiresAfterMs = 3_600_000

export async function claim<Result>(
  client: DynamoDBClient,
  table: string,
  key: string,
  nowMs: number,
): Promise<Claim<Result> & { readonly token: string; readonly id: string }> {
  const id = createHash('sha256').update(key).digest('base64url')
  const token = randomUUID()
  try {
    await client.send(
      new PutItemCommand({
        TableName: table,
        Item: {
          id: { S: id },
          status: { S: 'IN_PROGRESS' },
          claimToken: { S: token },
          inProgressUntilMs: { N: String(nowMs + 60_000) },
          ttlEpochSeconds: { N: String(Math.ceil((nowMs + expiresAfterMs) / 1000)) },
        },
        ConditionExpression: 'attribute_not_exists(#id) OR #expires < :now',
        ExpressionAttributeNames: { '#id': 'id', '#expires': 'expiresAtMs' },
        ExpressionAttributeValues: { ':now': { N: String(nowMs) } },
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    )
    return { done: false, token, id }
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error
    const stored = error.Item
    if (stored?.status?.S !== 'COMPLETED') throw new Error(`key ${key} is in progress`)
    return { done: true, result: JSON.parse(stored.result?.S ?? 'null') as Result, token, id }
  }
}

export async function complete(
  client: DynamoDBClient,
  table: string,
  id: string,
  result: unknown,
  nowMs: number,
): Promise<void> {
  await client.send(
    new UpdateItemCommand({
      TableName: table,
      Key: { id: { S: id } },
      UpdateExpression: 'SET #status = :completed, #result = :result, #expires = :expires',
      ExpressionAttributeNames: { '#status': 'status', '#result': 'result', '#expires': 'expiresAtMs' },
      ExpressionAttributeValues: {
        ':completed': { S: 'COMPLETED' },
        ':result': { S: JSON.stringify(result) },
        ':expires': { N: String(nowMs + expiresAfterMs) },
      },
    }),
  )
}
