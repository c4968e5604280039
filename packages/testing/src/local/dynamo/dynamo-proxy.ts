import { request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AttributeValue } from '@aws-sdk/client-dynamodb'
import type { Faults } from '../aws/faults.js'

// The proxy in front of dynalite: what it counts, the faults it injects, and the old item real DynamoDB returns.

const amzTarget = 'x-amz-target'
const conditionFailedType = 'ConditionalCheckFailedException'

interface DynamoCall {
  readonly status: number
  readonly headers: Record<string, string>
  readonly body: string
}

function callDynamo(port: number, headers: Record<string, string>, body: string): Promise<DynamoCall> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/',
        headers: { ...headers, 'content-length': Buffer.byteLength(body) },
      },
      (incoming) => {
        const chunks: Buffer[] = []
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk))
        incoming.on('error', reject)
        incoming.on('end', () => {
          const responseHeaders: Record<string, string> = {}
          for (const [name, value] of Object.entries(incoming.headers)) {
            if (typeof value === 'string') responseHeaders[name] = value
          }
          resolve({
            status: incoming.statusCode ?? 500,
            headers: responseHeaders,
            body: Buffer.concat(chunks).toString('utf8'),
          })
        })
      },
    )
    outgoing.on('error', reject)
    outgoing.end(body)
  })
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of request) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

interface ConditionalWrite {
  readonly TableName?: string
  readonly Item?: Record<string, AttributeValue>
  readonly Key?: Record<string, AttributeValue>
  readonly ReturnValuesOnConditionCheckFailure?: string
}

export interface ProxyFront {
  readonly returnOldItem: boolean
  readonly faults: Faults
  count(operation: string, tableName: string | undefined): void
}

/**
 * Passes a request on to dynalite, after its injected latency or instead of an injected error. When asked, a
 * conditional write that wanted `ALL_OLD` and failed its condition gets the item (read consistently, right after
 * the failure) in its error body, where real DynamoDB puts it.
 */
export async function forward(
  dynamoPort: number,
  front: ProxyFront,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const body = await readBody(request)
  const headers: Record<string, string> = {}
  for (const [name, value] of Object.entries(request.headers)) {
    if (typeof value === 'string' && name !== 'content-length') headers[name] = value
  }
  const operation = headers[amzTarget]?.split('.')[1] ?? ''
  const tableName = tableNameOf(body)
  front.count(operation, tableName)
  const latencyMs = front.faults.latencyMs(operation, tableName)
  if (latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, latencyMs))
  const injected = front.faults.takeError(operation, tableName)
  if (injected !== undefined) {
    const text = JSON.stringify({
      __type: `com.amazonaws.dynamodb.v20120810#${injected.type}`,
      message: injected.message,
    })
    response.writeHead(injected.status, {
      'content-type': 'application/x-amz-json-1.0',
      'content-length': Buffer.byteLength(text),
    })
    response.end(text)
    return
  }
  const answer = await callDynamo(dynamoPort, headers, body)
  if (
    front.returnOldItem &&
    answer.status === 400 &&
    answer.body.includes(conditionFailedType) &&
    (operation === 'PutItem' || operation === 'UpdateItem' || operation === 'DeleteItem')
  ) {
    const write = JSON.parse(body) as ConditionalWrite
    if (write.ReturnValuesOnConditionCheckFailure === 'ALL_OLD' && write.TableName !== undefined) {
      const key = write.Key ?? (await keyOf(dynamoPort, headers, write.TableName, write.Item ?? {}))
      const read = await callDynamo(
        dynamoPort,
        { ...headers, [amzTarget]: 'DynamoDB_20120810.GetItem' },
        JSON.stringify({ TableName: write.TableName, Key: key, ConsistentRead: true }),
      )
      const { Item } = JSON.parse(read.body) as { Item?: Record<string, AttributeValue> }
      if (Item !== undefined) {
        const failure = { ...(JSON.parse(answer.body) as object), Item }
        sendAnswer(response, { ...answer, body: JSON.stringify(failure) })
        return
      }
    }
  }
  sendAnswer(response, answer)
}

/** The table a request is about, when it names one (`TableName`); batch and transaction requests name several. */
function tableNameOf(body: string): string | undefined {
  try {
    const parsed = JSON.parse(body) as { TableName?: unknown }
    return typeof parsed.TableName === 'string' ? parsed.TableName : undefined
  } catch {
    return undefined
  }
}

async function keyOf(
  dynamoPort: number,
  headers: Record<string, string>,
  tableName: string,
  item: Record<string, AttributeValue>,
): Promise<Record<string, AttributeValue>> {
  const described = await callDynamo(
    dynamoPort,
    { ...headers, [amzTarget]: 'DynamoDB_20120810.DescribeTable' },
    JSON.stringify({ TableName: tableName }),
  )
  const { Table } = JSON.parse(described.body) as { Table?: { KeySchema?: { AttributeName: string }[] } }
  const key: Record<string, AttributeValue> = {}
  for (const { AttributeName } of Table?.KeySchema ?? []) {
    const value = item[AttributeName]
    if (value !== undefined) key[AttributeName] = value
  }
  return key
}

function sendAnswer(response: ServerResponse, answer: DynamoCall): void {
  const headers = { ...answer.headers }
  delete headers['content-length']
  delete headers['x-amz-crc32'] // the body may have changed; the SDK checks the checksum when present
  response.writeHead(answer.status, { ...headers, 'content-length': Buffer.byteLength(answer.body) })
  response.end(answer.body)
}
