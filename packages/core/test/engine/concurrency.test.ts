import { afterEach, describe, expect, it, vi } from 'vitest'
import { seededRandom } from '../../../../test/support/seeded-random.js'
import { apiGatewayV2, DeadlineExceededError, type HttpRequest, lambda } from '../../src/index.js'
import { apiGatewayV2Event, captureStderr, context, delay, readResponse } from '../support/index.js'

afterEach(() => {
  vi.restoreAllMocks()
  vi.useRealTimers()
})

interface Observation {
  readonly tenant: string
  readonly path: string
  readonly awsRequestId: string
  readonly abortedInHandler: boolean
  readonly signal: AbortSignal
}

describe('overlapping invocations of one handler in one process', () => {
  it('never share request state, deadlines or responses', async () => {
    // The clock and every timer (the delays, each invocation's deadline guard) are fake: the interleaving is the
    // same on every run and on any machine, and no test waits for real time.
    vi.useFakeTimers()
    const stderr = captureStderr()
    const next = seededRandom(20240501)
    const marginMs = 40
    const observed = new Map<number, Observation>()
    const cutShort = new Map<number, { error: unknown; tenant: string; aborted: boolean }>()

    const handler = lambda(apiGatewayV2(), { deadlineMarginMs: marginMs })
      .use<{ tenant: string; index: number }>({
        name: 'tenant',
        async handle(request: HttpRequest, proceed) {
          await delay(Math.floor(next() * 5))
          const tenant = request.headers['x-tenant'] ?? 'missing'
          const index = Number(request.pathParams.index)
          try {
            return await proceed({ tenant, index })
          } catch (error) {
            cutShort.set(index, { error, tenant, aborted: request.signal.aborted })
            throw error
          }
        },
      })
      .handle(async (request) => {
        await delay(Math.floor(next() * 15))
        // The slow ones keep working well past their cut-off.
        if (request.index % 4 === 0) await delay(150)
        observed.set(request.index, {
          tenant: request.tenant,
          path: request.path,
          awsRequestId: request.context.awsRequestId,
          abortedInHandler: request.signal.aborted,
          signal: request.signal,
        })
        return { tenant: request.tenant, path: request.path, requestId: request.context.awsRequestId }
      })

    const indexes = Array.from({ length: 50 }, (_unused, index) => index)
    // Invocations whose index is a multiple of 4 have 100 ms left (cut-off at 60 ms) and take 150 ms or more;
    // the others have plenty of time. Half of the slow ones start inside a short-deadline neighbour's window.
    const remainingMs = (index: number) => (index % 4 === 0 ? 100 : 5_000 + index)
    const running = Promise.all(
      indexes.map(async (index) => {
        await delay(Math.floor(next() * 10))
        const event = apiGatewayV2Event({
          path: `/tenants/t-${index}/orders`,
          pathParams: { index: String(index) },
          headers: { 'X-Tenant': [`tenant-${index}`] },
        })
        return readResponse(
          await handler(event, context(remainingMs(index), { awsRequestId: `req-${index}` })),
        )
      }),
    )
    await vi.runAllTimersAsync()
    const responses = await running

    for (const index of indexes) {
      const response = responses[index]
      if (index % 4 === 0) {
        expect(response?.status).toBe(504)
        expect(response?.json()).toEqual({
          error: { type: 'deadline_exceeded', message: 'The request could not be completed in time' },
        })
        const cut = cutShort.get(index)
        expect(cut?.tenant).toBe(`tenant-${index}`)
        expect(cut?.aborted).toBe(true)
        expect(cut?.error).toBeInstanceOf(DeadlineExceededError)
      } else {
        expect(response?.status).toBe(200)
        expect(response?.json()).toEqual({
          tenant: `tenant-${index}`,
          path: `/tenants/t-${index}/orders`,
          requestId: `req-${index}`,
        })
        expect(cutShort.has(index)).toBe(false)
        expect(observed.get(index)).toMatchObject({
          tenant: `tenant-${index}`,
          path: `/tenants/t-${index}/orders`,
          awsRequestId: `req-${index}`,
          abortedInHandler: false,
        })
      }
    }

    // The slow handlers finish in the background after their 504: every timer runs out, then nothing may have leaked.
    await vi.runAllTimersAsync()
    for (const index of indexes) {
      const seen = observed.get(index)
      expect(seen?.tenant).toBe(`tenant-${index}`)
      expect(seen?.awsRequestId).toBe(`req-${index}`)
      // Only the short-deadline invocations' own signals were ever aborted.
      expect(seen?.signal.aborted).toBe(index % 4 === 0)
      if (index % 4 === 0) expect(seen?.signal.reason).toBeInstanceOf(DeadlineExceededError)
    }
    const signals = new Set(indexes.map((index) => observed.get(index)?.signal))
    expect(signals.size).toBe(50)

    // Each 504 was logged once, under its own request id.
    const loggedIds = stderr
      .lines()
      .map((line) => (line as { function_request_id: string }).function_request_id)
    expect(loggedIds.sort()).toEqual(
      indexes
        .filter((index) => index % 4 === 0)
        .map((index) => `req-${index}`)
        .sort(),
    )
  })
})
