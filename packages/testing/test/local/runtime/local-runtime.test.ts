import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { events } from '../../../src/index.js'
import {
  type LocalRuntime,
  type LocalRuntimeMode,
  startLocalRuntime,
} from '../../../src/local/runtime/index.js'
import { locateRuntimeClient } from '../../../src/local/runtime/locate-runtime-client.js'
import { buildFixtureFunctions } from '../../support/build-fixtures.js'

// The same built function, run through aws-lambda-ric in a child process, then imported in process (the fallback):
// both must answer alike. .ci/run fails when aws-lambda-ric was not built, so CI never skips the `ric` half.
const ricBuilt = 'entry' in locateRuntimeClient(undefined)
const modes: LocalRuntimeMode[] = ricBuilt ? ['ric', 'in-process'] : ['in-process']

let fixtures: Awaited<ReturnType<typeof buildFixtureFunctions>>
beforeAll(async () => {
  fixtures = await buildFixtureFunctions()
})
afterAll(() => fixtures.remove())

const getOrder = (id: string) => events.http('apiGatewayV2', { path: `/orders/${id}`, pathParams: { id } })

interface OrderBody {
  orderId: string
  invocations: number
  pid: number
  requestId: string
}

function bodyOf(invocation: { result?: unknown }): OrderBody {
  const response = invocation.result as { statusCode: number; body: string }
  expect(response.statusCode).toBe(200)
  return JSON.parse(response.body) as OrderBody
}

describe.each(modes)('a tsumiki http() function run %s', { timeout: 30_000 }, (mode) => {
  let runtime: LocalRuntime
  beforeAll(async () => {
    runtime = await startLocalRuntime({ handler: 'dist/handler.handler', cwd: fixtures.root, mode })
  })
  afterAll(() => runtime.stop())

  it('initialises once (cold start), answers warm after, and reports a failure as the invocation error', async () => {
    expect(runtime.mode).toBe(mode)
    expect(runtime.init.error).toBeUndefined()
    expect(runtime.init.durationMs).toBeGreaterThan(0)
    expect(runtime.init.logs.json).toContainEqual({ level: 'INFO', message: 'module loaded' })

    const cold = await runtime.invoke(getOrder('42'))
    expect(cold.coldStart).toBe(true)
    expect(cold.initDurationMs).toBe(runtime.init.durationMs)
    const coldBody = bodyOf(cold)
    expect(coldBody).toMatchObject({ orderId: '42', invocations: 1, requestId: cold.requestId })
    expect(cold.logs.json).toEqual([{ level: 'INFO', message: 'order read', orderId: '42' }])

    const warm = await runtime.invoke(getOrder('43'))
    expect(warm.coldStart).toBe(false)
    expect(warm.initDurationMs).toBeUndefined()
    expect(bodyOf(warm)).toMatchObject({ orderId: '43', invocations: 2, pid: coldBody.pid })
    expect(warm.logs.json).toEqual([{ level: 'INFO', message: 'order read', orderId: '43' }])

    // An SQS event given to an HTTP function: the adapter throws, and the runtime posts it to /error.
    const failed = await runtime.invoke(events.sqs([{ body: 'not an HTTP request' }]))
    expect(failed.result).toBeUndefined()
    expect(failed.error?.errorType).toBe('InvalidEventError')
    expect(failed.error?.errorMessage).toMatch(/http adapter received an event it cannot read/)
    expect(failed.error?.trace[0]).toMatch(/^InvalidEventError: /)
    expect(failed.logs.raw).toContain(`${failed.requestId}\tERROR\tInvoke Error`)
    expect(failed.logs.lines.some((line) => line.includes(`${failed.requestId}\tERROR\tInvoke Error`))).toBe(
      true,
    )
    expect(failed.logs.json).toContainEqual(expect.objectContaining({ errorType: 'InvalidEventError' }))

    // A handled failure keeps the environment: still warm, same module state.
    const after = await runtime.invoke(getOrder('44'))
    expect(after.coldStart).toBe(false)
    expect(bodyOf(after)).toMatchObject({ invocations: 3, pid: coldBody.pid })
  })

  it('answers a reply() with its status', async () => {
    const notFound = await runtime.invoke(getOrder('missing'))
    expect(notFound.result).toMatchObject({ statusCode: 404, body: '{"error":"no such order"}' })
  })

  it("answers 500 for an unexpected error, with tsumiki's log line of it in the invocation's logs", async () => {
    const broken = await runtime.invoke(getOrder('broken'))
    expect(broken.result).toMatchObject({ statusCode: 500 })
    expect(broken.logs.json).toContainEqual(
      expect.objectContaining({
        level: 'ERROR',
        function_request_id: broken.requestId,
        error: expect.objectContaining({ message: 'the orders table is unreachable' }),
      }),
    )
  })
})

describe.each(modes)('what the function sees, run %s', { timeout: 30_000 }, (mode) => {
  let runtime: LocalRuntime
  beforeAll(async () => {
    runtime = await startLocalRuntime({
      handler: 'dist/handler.probe',
      cwd: fixtures.root,
      mode,
      functionName: 'orders-api',
      memorySizeMb: 512,
      env: { ORDERS_TABLE: 'orders', AWS_REGION: 'eu-west-1', AWS_LAMBDA_FUNCTION_TIMEOUT: '6' },
    })
  })
  afterAll(() => runtime.stop())

  it('has the context, deadline and variables Lambda gives', async () => {
    const invocation = await runtime.invoke({})
    expect(invocation.result).toMatchObject({
      requestId: invocation.requestId,
      functionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:orders-api',
      functionName: 'orders-api',
      memoryLimitInMB: '512',
      traceId: expect.stringMatching(/^Root=1-[0-9a-f]{8}-[0-9a-f]{24}/),
      variables: {
        AWS_LAMBDA_FUNCTION_NAME: 'orders-api',
        AWS_LAMBDA_FUNCTION_TIMEOUT: '6',
        AWS_REGION: 'eu-west-1',
        LAMBDA_TASK_ROOT: fixtures.root,
        ORDERS_TABLE: 'orders',
      },
    })
    // The deadline comes from AWS_LAMBDA_FUNCTION_TIMEOUT: 6 s from when the event was handed out.
    const { remainingMs } = invocation.result as { remainingMs: number }
    expect(remainingMs).toBeGreaterThan(0)
    expect(remainingMs).toBeLessThanOrEqual(6_000)

    const shorter = await runtime.invoke({}, { timeoutMs: 2_000 })
    expect((shorter.result as { remainingMs: number }).remainingMs).toBeLessThanOrEqual(2_000)
  })

  it('gives each of many concurrent invocations its own answer and its own log lines', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.jsonValue(), { minLength: 1, maxLength: 6 }), async (payloads) => {
        const answers = await Promise.all(
          payloads.map((payload, index) => runtime.invoke({ echo: payload, log: `payload ${index}` })),
        )
        answers.forEach((answer, index) => {
          expect(answer.error).toBeUndefined()
          expect(answer.result).toEqual(JSON.parse(JSON.stringify(payloads[index])))
          expect(answer.logs.lines).toEqual([
            expect.stringMatching(new RegExp(`\\tINFO\\tpayload ${index}$`)),
          ])
          expect(answer.logs.raw).toContain(answer.requestId)
        })
        expect(new Set(answers.map((answer) => answer.requestId)).size).toBe(payloads.length)
      }),
      { numRuns: 15 },
    )
  })

  it('rejects an event that is not JSON, and runs on', async () => {
    await expect(runtime.invoke({ total: 1n })).rejects.toMatchObject({ code: 'INVALID_EVENT' })
    expect((await runtime.invoke({ echo: 'still here' })).result).toBe('still here')
  })
})

describe.skipIf(!ricBuilt)('a process that dies, run ric', { timeout: 30_000 }, () => {
  let runtime: LocalRuntime
  beforeAll(async () => {
    runtime = await startLocalRuntime({ handler: 'dist/handler.probe', cwd: fixtures.root, mode: 'ric' })
  })
  afterAll(() => runtime.stop())

  it("gives tsumiki's deadline guard the deadline: it cuts the handler short before the timeout", async () => {
    const cutShort = await runtime.invoke({ sleepMs: 60_000 }, { timeoutMs: 1_000 })
    expect(cutShort.error?.errorType).toBe('DeadlineExceededError')
    expect(cutShort.error?.errorMessage).toMatch(
      /left before the Lambda timeout \(deadline guard margin 500 ms\)/,
    )
    expect((await runtime.invoke({})).coldStart).toBe(false)
  })

  it('times out at the deadline, kills the process, and the next invocation is a cold start', async () => {
    const stuck = await startLocalRuntime({ handler: 'dist/handler.stuck', cwd: fixtures.root, mode: 'ric' })
    try {
      const timedOut = await stuck.invoke({ log: 'going to sleep' }, { timeoutMs: 300 })
      expect(timedOut.error).toEqual({
        errorType: 'Sandbox.Timedout',
        errorMessage: 'Task timed out after 0.30 seconds',
        trace: [],
      })
      expect(timedOut.logs.lines).toEqual([expect.stringContaining('going to sleep')])
      expect(timedOut.logs.raw).toContain('going to sleep')

      const next = await stuck.invoke({ log: 'again' }, { timeoutMs: 300 })
      expect(next.coldStart).toBe(true)
      expect(next.initDurationMs).toBeGreaterThan(0)
      expect(next.error?.errorType).toBe('Sandbox.Timedout')
    } finally {
      await stuck.stop()
    }
  })

  it('reports an exit during an invocation as Runtime.ExitError, then starts afresh', async () => {
    const exited = await runtime.invoke({ exitCode: 3 })
    expect(exited.error).toMatchObject({ errorType: 'Runtime.ExitError', errorMessage: /exit status 3/ })
    const next = await runtime.invoke({})
    expect(next.coldStart).toBe(true)
    expect(next.error).toBeUndefined()
  })

  it('kills the process on stop()', async () => {
    const other = await startLocalRuntime({ handler: 'dist/handler.probe', cwd: fixtures.root, mode: 'ric' })
    const { result } = await other.invoke<{ pid: number }>({})
    await other.stop()
    expect(isAlive(result?.pid)).toBe(false)
    await expect(other.invoke({})).rejects.toMatchObject({ code: 'RUNTIME_STOPPED' })
  })
})

describe.each(modes)('a function whose init fails, run %s', { timeout: 30_000 }, (mode) => {
  it('reports the init error, answers the first invocation with it, and tries the init again after', async () => {
    const runtime = await startLocalRuntime({ handler: 'dist/broken.handler', cwd: fixtures.root, mode })
    try {
      expect(runtime.init.error).toMatchObject({
        errorType: 'Error',
        errorMessage: 'ORDERS_TABLE is not set',
      })
      const first = await runtime.invoke({})
      expect(first).toMatchObject({ coldStart: true, error: { errorMessage: 'ORDERS_TABLE is not set' } })
      const second = await runtime.invoke({})
      expect(second.coldStart).toBe(true)
      expect(second.error?.errorMessage).toBe('ORDERS_TABLE is not set')
    } finally {
      await runtime.stop()
    }
  })

  it('names a handler the module does not export', async () => {
    const runtime = await startLocalRuntime({ handler: 'dist/handler.missing', cwd: fixtures.root, mode })
    await runtime.stop()
    expect(runtime.init.error?.errorType).toBe('Runtime.HandlerNotFound')
  })

  it('names a module that does not exist', async () => {
    const runtime = await startLocalRuntime({ handler: 'dist/nothing.handler', cwd: fixtures.root, mode })
    await runtime.stop()
    expect(runtime.init.error?.errorType).toBe('Runtime.ImportModuleError')
  })
})

function isAlive(pid: number | undefined): boolean {
  if (pid === undefined) return false
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}
