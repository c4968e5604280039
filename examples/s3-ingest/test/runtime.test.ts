import { events } from '@tsumiki/testing'
import { type LocalRuntime, startLocalRuntime } from '@tsumiki/testing/runtime'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { prepareLocalEnvironment } from '../local/local-environment.js'
import { type LocalS3, startLocalS3 } from '../local/local-s3.js'

// dist/handler.mjs, the artefact `pnpm build` makes (turbo builds before testing), loaded by AWS's runtime
// interface client in a child process, against the local S3.
describe('the bundled function under the Lambda runtime client', () => {
  let s3: LocalS3
  let runtime: LocalRuntime
  let env: Record<string, string>

  beforeAll(async () => {
    s3 = await startLocalS3()
    env = await prepareLocalEnvironment({ s3 })
    runtime = await startLocalRuntime({ handler: 'dist/handler.handler', env })
  }, 60_000)
  afterAll(async () => {
    await runtime?.stop()
    await s3?.stop()
  })

  it('ingests cold and warm, and reports a refused loop through /error', async () => {
    const incoming = env.INCOMING_BUCKET ?? ''
    const output = env.OUTPUT_BUCKET ?? ''
    const line = JSON.stringify({ orderId: 'o-1', sku: 'TEA-01', qty: 1, unitPriceCents: 400 })
    s3.putObject(incoming, 'incoming/a.jsonl', line)
    s3.putObject(incoming, 'incoming/b.jsonl', `${line}\nnot json`)
    const created = (bucket: string, key: string) =>
      events.s3([{ s3: { bucket: { name: bucket }, object: { key } } }])

    const cold = await runtime.invoke(created(incoming, 'incoming/a.jsonl'))
    const warm = await runtime.invoke(created(incoming, 'incoming/b.jsonl'))
    const refused = await runtime.invoke(created(output, 'incoming/a.jsonl'))

    expect([cold.error, cold.coldStart, warm.error, warm.coldStart]).toEqual([
      undefined,
      true,
      undefined,
      false,
    ])
    expect(s3.keys(output)).toEqual(['processed/a.json', 'processed/b.json'])
    expect(warm.logs.json).toContainEqual(
      expect.objectContaining({ message: 'orders file has rejected lines', rejected: 1 }),
    )
    expect(refused.error?.errorType).toBe('WouldTriggerItselfError')
  })
})
