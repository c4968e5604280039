import { randomUUID } from 'node:crypto'
import { DynamoDBClient } from '@aws-sdk/client-dynamodb'
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager'
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm'
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda'
import { claim, complete } from './bare-idempotency.js'
import {
  apiKeySecret,
  findOrder,
  idempotencyTableFromEnv,
  type Order,
  OrderInput,
  saveOrder,
  tableParameter,
} from './shared.js'

/**
 * The floor: no framework. The same AWS calls by hand (the table name from SSM and the API key from Secrets
 * Manager once per process, the idempotency requests, the order write), the same zod schema, a JSON log line.
 */
const orders = new DynamoDBClient({})
const idempotencyTable = idempotencyTableFromEnv()

const config = Promise.all([
  new SSMClient({}).send(new GetParameterCommand({ Name: tableParameter })),
  new SecretsManagerClient({}).send(new GetSecretValueCommand({ SecretId: apiKeySecret })),
]).then(([parameter, secret]) => ({
  table: parameter.Parameter?.Value ?? '',
  apiKey: secret.SecretString ?? '',
}))
config.catch(() => undefined)

const json = (statusCode: number, body: unknown, headers: Record<string, string> = {}) => ({
  statusCode,
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
})

export async function handler(
  event: APIGatewayProxyEventV2,
  context: Context,
): Promise<APIGatewayProxyStructuredResultV2> {
  const { table, apiKey } = await config
  if (event.headers['x-api-key'] !== apiKey) return json(401, { error: { message: 'Bad API key' } })
  const method = event.requestContext.http.method
  const path = event.rawPath
  if (method === 'POST' && path === '/orders') {
    let body: unknown
    try {
      body = JSON.parse(event.body ?? '')
    } catch {
      return json(400, { error: { message: 'Body is not JSON' } })
    }
    const parsed = OrderInput.safeParse(body)
    if (!parsed.success)
      return json(422, { error: { message: 'Invalid body', details: parsed.error.issues } })
    const key = event.headers['idempotency-key']
    if (key === undefined) return json(400, { error: { message: 'Idempotency-Key header missing' } })
    const claimed = await claim<Order>(orders, idempotencyTable, key, Date.now())
    const order = claimed.done
      ? claimed.result
      : await saveOrder(orders, table, { id: randomUUID(), ...parsed.data })
    if (!claimed.done) {
      await complete(orders, idempotencyTable, claimed.id, order, Date.now())
      process.stdout.write(
        `${JSON.stringify({ level: 'INFO', message: 'order placed', orderId: order.id, qty: order.qty, function_request_id: context.awsRequestId })}\n`,
      )
    }
    return json(201, order, { location: `/orders/${order.id}` })
  }
  const match = /^\/orders\/([^/]+)$/.exec(path)
  if (method === 'GET' && match?.[1] !== undefined) {
    const order = await findOrder(orders, table, decodeURIComponent(match[1]))
    return order === undefined ? json(404, { error: { message: 'Not found' } }) : json(200, order)
  }
  return json(404, { error: { message: 'Not found' } })
}
