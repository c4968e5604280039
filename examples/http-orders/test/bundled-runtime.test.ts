import { events, type LocalAws, type LocalDynamo, startLocalAws, startLocalDynamo } from '@tsumiki/testing'
import { type LocalRuntime, startLocalRuntime } from '@tsumiki/testing/runtime'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { localApiKey, prepareLocalEnvironment } from '../local/local-environment.js'

/*
 * The artefact Lambda runs, dist/handler.mjs (turbo builds it before the tests; `pnpm build` by hand), loaded by
 * AWS's runtime interface client in a child process against a local Runtime API, talking to the local DynamoDB
 * and the local SSM / Secrets Manager through the environment alone. `mode: 'ric'`: no falling back to running
 * in process, so this proves the bundle under the real runtime client (.ci/run fails when it was not built).
 */
describe('the bundled function under the Lambda runtime client', { timeout: 60_000 }, () => {
  let dynamo: LocalDynamo
  let aws: LocalAws
  let runtime: LocalRuntime

  beforeAll(async () => {
    dynamo = await startLocalDynamo()
    aws = await startLocalAws()
    const env = await prepareLocalEnvironment({ dynamo, aws })
    runtime = await startLocalRuntime({
      handler: 'dist/handler.handler',
      env,
      mode: 'ric',
      functionName: 'http-orders',
    })
  }, 60_000)

  afterAll(async () => {
    await runtime?.stop()
    await dynamo?.stop()
    await aws?.stop()
  })

  const placeOrder = () =>
    events.http('apiGatewayV2', {
      method: 'POST',
      path: '/orders',
      headers: { 'x-api-key': localApiKey, 'idempotency-key': 'runtime-1' },
      body: { customerId: 'c-7', items: [{ sku: 'tsumiki-blocks', qty: 3 }] },
    })

  it('starts cold: the init is measured, and the parameter and the secret are read once, during it', async () => {
    expect(runtime.mode).toBe('ric')
    expect(runtime.init.error).toBeUndefined()

    const cold = await runtime.invoke(placeOrder())

    expect(cold.coldStart).toBe(true)
    expect(cold.initDurationMs).toBe(runtime.init.durationMs)
    expect(runtime.init.durationMs).toBeGreaterThan(0)
    expect(cold.error).toBeUndefined()
    expect(cold.result).toMatchObject({ statusCode: 201 })
    expect([aws.calls('GetParameters'), aws.calls('GetSecretValue')]).toEqual([1, 1])
    expect(cold.logs.json).toContainEqual(
      expect.objectContaining({ message: 'order placed', cold_start: true, function_name: 'http-orders' }),
    )
  })

  it('answers warm from memory: no new SSM or Secrets Manager call, the replay from the idempotency table', async () => {
    const warm = await runtime.invoke(placeOrder())

    expect(warm.coldStart).toBe(false)
    expect(warm.initDurationMs).toBeUndefined()
    expect(warm.result).toMatchObject({ statusCode: 201 })
    expect(warm.logs.json.filter((line) => line.message === 'order placed')).toEqual([])
    expect([aws.calls('GetParameters'), aws.calls('GetSecretValue')]).toEqual([1, 1])
    expect(aws.calls('BatchGetSecretValue')).toBe(0)
  })

  it("reports what the handler throws through the runtime's error endpoint, and the environment lives on", async () => {
    const failed = await runtime.invoke({ not: 'an HTTP event' })

    expect(failed.result).toBeUndefined()
    expect(failed.error?.errorType).toBe('InvalidEventError')
    expect(failed.error?.errorMessage).toMatch(/^The http adapter received an event it cannot read/)
    // The runtime client logs it as Lambda does (one line, the error's type and stack), once.
    expect(failed.logs.json.filter((line) => line.errorType === 'InvalidEventError')).toHaveLength(1)

    const after = await runtime.invoke(events.http('apiGatewayV2', { path: '/orders/none' }))
    expect(after.coldStart).toBe(false)
    expect(after.result).toMatchObject({ statusCode: 404 })
  })
})
