import { BatchWriteCommand, DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb'
import { events, type LocalDynamo, startLocalDynamo } from '@tsumiki/testing'
import { type LocalRuntime, startLocalRuntime } from '@tsumiki/testing/runtime'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { prepareLocalEnvironment } from '../local/local-environment.js'

// dist/handler.mjs, the artefact `pnpm build` makes (turbo builds before testing), loaded by AWS's runtime
// interface client in a child process, against dynalite.
describe('the bundled function under the Lambda runtime client', () => {
  let dynamo: LocalDynamo
  let runtime: LocalRuntime
  let env: Record<string, string>

  beforeAll(async () => {
    dynamo = await startLocalDynamo()
    env = await prepareLocalEnvironment({ dynamo })
    const documents = DynamoDBDocumentClient.from(dynamo.client())
    await documents.send(
      new BatchWriteCommand({
        RequestItems: {
          [env.ORDERS_TABLE ?? '']: [
            {
              PutRequest: {
                Item: { orderId: 'o-1', placedOn: '2026-12-01', status: 'placed', totalCents: 4200 },
              },
            },
          ],
        },
      }),
    )
    runtime = await startLocalRuntime({ handler: 'dist/handler.handler', env })
  }, 60_000)
  afterAll(async () => {
    await runtime?.stop()
    await dynamo?.stop()
  })

  it('reports cold, finds the day reported when warm, and reports an event without time through /error', async () => {
    const event = events.schedule({ id: 'run-1', time: '2026-12-02T00:30:00Z' })

    const cold = await runtime.invoke(event)
    const warm = await runtime.invoke(event)
    const failed = await runtime.invoke({ id: 'no-time' })

    expect(cold.error).toBeUndefined()
    expect(cold.coldStart).toBe(true)
    expect(cold.logs.json).toContainEqual(
      expect.objectContaining({ message: 'nightly report', totalCents: 4200 }),
    )
    expect(warm.coldStart).toBe(false)
    expect(warm.logs.json).toContainEqual(
      expect.objectContaining({ message: 'day already reported: nothing changed', day: '2026-12-01' }),
    )
    expect(failed.error?.errorType).toBe('MissingScheduleTimeError')
    const { Items = [] } = await DynamoDBDocumentClient.from(dynamo.client()).send(
      new ScanCommand({ TableName: env.REPORTS_TABLE }),
    )
    expect(Items).toMatchObject([{ day: '2026-12-01', totalCents: 4200, runId: 'run-1' }])
  })
})
