import { type LocalAws, type LocalDynamo, startLocalAws, startLocalDynamo } from '@tsumiki/testing'
import { type LocalRuntime, startLocalRuntime } from '@tsumiki/testing/runtime'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  prepareLocalEnvironment,
  queueNameOf,
  samplePoisonRecordIndex,
  sampleStreamBatch,
} from '../local/local-environment.js'

// The bundle `pnpm build` made (turbo builds before it tests), loaded as Lambda loads it.
describe('the bundled projector under the Lambda runtime client', () => {
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

  it('projects the sample batch cold, then finds its redelivery already applied warm', async () => {
    const batch = sampleStreamBatch()

    const cold = await runtime.invoke(batch)
    const warm = await runtime.invoke(batch)

    expect(cold.coldStart).toBe(true)
    expect(cold.result).toEqual({ batchItemFailures: [] })
    expect(warm.coldStart).toBe(false)
    expect(warm.result).toEqual({ batchItemFailures: [] })
    const projected = (logs: typeof warm.logs) =>
      logs.json.filter((line) => line.message === 'order change projected')
    expect(projected(cold.logs).flatMap((line) => line.applied as string[])).not.toEqual([])
    expect(projected(warm.logs).flatMap((line) => line.applied as string[])).toEqual([])
    const parked = aws.queue(queueNameOf(env.DEAD_LETTER_QUEUE_URL as string)).bodies()
    expect(parked.map((body) => (body as { recordId: string }).recordId)).toEqual([
      batch.Records[samplePoisonRecordIndex]?.dynamodb?.SequenceNumber,
      batch.Records[samplePoisonRecordIndex]?.dynamodb?.SequenceNumber,
    ])
  })
})
