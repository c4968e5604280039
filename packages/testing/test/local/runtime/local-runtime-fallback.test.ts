import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setLogWriter } from '@tsumiki/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { events } from '../../../src/index.js'
import { isLocalRuntimeError, startLocalRuntime } from '../../../src/local/runtime/index.js'
import { buildFixtureFunctions } from '../../support/build-fixtures.js'

let fixtures: Awaited<ReturnType<typeof buildFixtureFunctions>>
let unbuiltClient: string
beforeAll(async () => {
  fixtures = await buildFixtureFunctions()
  unbuiltClient = mkdtempSync(join(tmpdir(), 'unbuilt-ric-'))
})
afterAll(() => {
  fixtures.remove()
  rmSync(unbuiltClient, { recursive: true, force: true })
})

describe('where aws-lambda-ric is not built', { timeout: 30_000 }, () => {
  it('falls back to in process, says so once in a log line, and answers with the same API', async () => {
    const announcements: string[] = []
    const restoreLogWriter = setLogWriter((line) => announcements.push(line))
    const first = await startLocalRuntime({
      handler: 'dist/handler.handler',
      cwd: fixtures.root,
      runtimeClientDir: unbuiltClient,
    })
    const second = await startLocalRuntime({
      handler: 'dist/handler.probe',
      cwd: fixtures.root,
      runtimeClientDir: unbuiltClient,
    })
    restoreLogWriter()

    try {
      expect(first.mode).toBe('in-process')
      expect(first.runtimeApi).toBeUndefined()
      expect(first.fallbackReason).toContain(unbuiltClient)
      expect(announcements).toHaveLength(1)
      expect(JSON.parse(announcements[0] ?? '')).toMatchObject({
        level: 'WARN',
        message: expect.stringContaining('running functions in process'),
        reason: expect.stringContaining(unbuiltClient),
      })

      const cold = await first.invoke(
        events.http('apiGatewayV2', { path: '/orders/7', pathParams: { id: '7' } }),
      )
      expect(cold).toMatchObject({ coldStart: true, result: { statusCode: 200 } })
      expect(cold.logs.json).toEqual([{ level: 'INFO', message: 'order read', orderId: '7' }])
      const failed = await first.invoke({ not: 'http' })
      expect(failed).toMatchObject({ coldStart: false, error: { errorType: 'InvalidEventError' } })
      expect((await second.invoke({ echo: [1, 'two'] })).result).toEqual([1, 'two'])
    } finally {
      await first.stop()
      await second.stop()
    }
  })

  it("refuses mode: 'ric' with the reason", async () => {
    const starting = startLocalRuntime({
      handler: 'dist/handler.handler',
      cwd: fixtures.root,
      mode: 'ric',
      runtimeClientDir: unbuiltClient,
    })
    await expect(starting).rejects.toMatchObject({
      code: 'RUNTIME_CLIENT_UNAVAILABLE',
      message: expect.stringContaining(unbuiltClient),
    })
    expect(isLocalRuntimeError(await starting.catch((error: unknown) => error))).toBe(true)
  })

  it('sets Lambda variables in process while running, and restores them on stop()', async () => {
    const before = process.env.AWS_LAMBDA_FUNCTION_NAME
    const runtime = await startLocalRuntime({
      handler: 'dist/handler.probe',
      cwd: fixtures.root,
      mode: 'in-process',
      functionName: 'in-process-fn',
    })
    expect(process.env.AWS_LAMBDA_FUNCTION_NAME).toBe('in-process-fn')
    await runtime.stop()
    expect(process.env.AWS_LAMBDA_FUNCTION_NAME).toBe(before)
  })

  it('answers a timed-out invocation with Sandbox.Timedout (the handler cannot be killed in process)', async () => {
    const runtime = await startLocalRuntime({
      handler: 'dist/handler.stuck',
      cwd: fixtures.root,
      mode: 'in-process',
    })
    try {
      const timedOut = await runtime.invoke({ log: 'going to sleep' }, { timeoutMs: 50 })
      expect(timedOut.error?.errorType).toBe('Sandbox.Timedout')
      expect(timedOut.logs.lines).toEqual([expect.stringMatching(/\tINFO\tgoing to sleep$/)])
      // `raw` is the text, so a check for what a line holds looks inside the lines.
      expect(timedOut.logs.raw).toContain('\tINFO\tgoing to sleep\n')
      expect(timedOut.logs.raw).not.toContain('going to wake')
    } finally {
      await runtime.stop()
    }
  })
})
