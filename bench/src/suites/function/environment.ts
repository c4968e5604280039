import { Agent, createServer, request as httpRequest } from 'node:http'
import type { AddressInfo } from 'node:net'
import { type LocalAws, type LocalDynamo, startLocalAws, startLocalDynamo } from '@tsumiki/testing'
import { apiKeySecret, tableParameter } from './shared.js'

/**
 * The one local AWS every contender talks to: dynalite (behind a small proxy that counts DynamoDB requests by
 * operation) and the local SSM / Secrets Manager / SQS endpoint, reached through `AWS_ENDPOINT_URL_*`, so the
 * functions make their SDK clients as in production (`new DynamoDBClient({})`).
 */

export const contenderNames = ['bare', 'tsumiki', 'middy', 'powertools'] as const
export type ContenderName = (typeof contenderNames)[number]
export const functionNames = ['http', 'sqs'] as const
export type FunctionName = (typeof functionNames)[number]

export const apiKey = 'bench-api-key-0123456789'

export interface Environment {
  readonly aws: LocalAws
  readonly dynamo: LocalDynamo
  /** DynamoDB requests seen by the proxy, by operation. */
  readonly dynamoCalls: Map<string, number>
  /** The function's environment variables for one contender. */
  envFor(contender: ContenderName): Record<string, string>
  stop(): Promise<void>
}

export async function startEnvironment(): Promise<Environment> {
  const dynamo = await startLocalDynamo({ returnOldItemOnConditionFailure: true })
  await dynamo.createIdempotencyTable('orders')
  for (const contender of contenderNames) await dynamo.createIdempotencyTable(`idempotency-${contender}`)
  const aws = await startLocalAws({
    parameters: { [tableParameter]: 'orders' },
    secrets: { [apiKeySecret]: apiKey },
  })
  const dynamoCalls = new Map<string, number>()
  const target = new URL(dynamo.endpoint)
  const agent = new Agent({ keepAlive: true })
  const proxy = createServer((incoming, outgoing) => {
    const operation = String(incoming.headers['x-amz-target'] ?? '').split('.')[1] ?? 'unknown'
    dynamoCalls.set(operation, (dynamoCalls.get(operation) ?? 0) + 1)
    const forwarded = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        method: incoming.method,
        path: incoming.url,
        headers: incoming.headers,
        agent,
      },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 500, answer.headers)
        answer.pipe(outgoing)
      },
    )
    forwarded.on('error', (error) => outgoing.destroy(error))
    incoming.pipe(forwarded)
  })
  proxy.keepAliveTimeout = 60_000
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve))
  const proxyEndpoint = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`
  return {
    aws,
    dynamo,
    dynamoCalls,
    envFor: (contender) => ({
      AWS_REGION: aws.region,
      AWS_DEFAULT_REGION: aws.region,
      AWS_ACCESS_KEY_ID: aws.credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: aws.credentials.secretAccessKey,
      AWS_ENDPOINT_URL_DYNAMODB: proxyEndpoint,
      AWS_ENDPOINT_URL_SSM: aws.endpoint,
      AWS_ENDPOINT_URL_SECRETS_MANAGER: aws.endpoint,
      AWS_ENDPOINT_URL_SQS: aws.endpoint,
      ORDERS_TABLE: 'orders',
      IDEMPOTENCY_TABLE: `idempotency-${contender}`,
      POWERTOOLS_SERVICE_NAME: 'bench',
    }),
    async stop() {
      await new Promise<void>((resolve) => {
        proxy.close(() => resolve())
        proxy.closeAllConnections()
      })
      agent.destroy()
      await aws.stop()
      await dynamo.stop()
    },
  }
}
