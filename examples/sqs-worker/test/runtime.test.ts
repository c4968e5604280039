import { type LocalAws, type LocalDynamo, startLocalAws, startLocalDynamo } from '@tsumiki/testing'
import { type LocalRuntime, startLocalRuntime } from '@tsumiki/testing/runtime'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  prepareLocalEnvironment,
  queueNameOf,
  sampleBatch,
  sampleMessageIds,
} from '../local/local-environment.js'

// The bundle `pnpm build` made (turbo builds before it tests), loaded as Lambda loads it.
describe('the bundled worker under the Lambda runtime client', () => {
  let dynamo: LocalDynamo
  let aws: LocalAws
  let runtime: LocalRuntime
  let env: Record<string, string>

  beforeAll(async () => {
    ;[dynamo, aws] = await Promise.all([startLocalDynamo(), startLocalAws()])
    env = await prepareLocalEnvironment({ dynamo, aws })
    runtime = await startLocalRuntime({ handler: 'dist/handler.handler', env })
  })
  afterAll(async () => {
    await runtime?.stop()
    await Promise.all([dynamo?.stop(), aws?.stop()])
  })

  it('answers the sample batch cold, parks its poison message, then answers its redelivery warm', async () => {
    const batch = sampleBatch()

    const cold = await runtime.invoke(batch)
    const warm = await runtime.invoke(batch)

    expect(cold.coldStart).toBe(true)
    expect(cold.result).toEqual({ batchItemFailures: [] })
    expect(cold.logs.json.filter((line) => line.message === 'shipment booked')).toHaveLength(3)
    expect(warm.coldStart).toBe(false)
    expect(warm.result).toEqual({ batchItemFailures: [] })
    expect(warm.logs.json.filter((line) => line.message === 'shipment booked')).toHaveLength(0)
    const parked = aws.queue(queueNameOf(env.DEAD_LETTER_QUEUE_URL as string)).bodies()
    expect(parked.map((body) => (body as { recordId: string }).recordId)).toEqual([
      sampleMessageIds.poison,
      sampleMessageIds.poison,
    ])
  })
})
