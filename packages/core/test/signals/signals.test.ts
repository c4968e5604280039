import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  apiGatewayV2,
  emitSignal,
  HttpError,
  hasSignalObservers,
  type InvocationRequest,
  invocationOf,
  lambda,
  raw,
  type SignalArguments,
  s3,
  setLogWriter,
  sns,
} from '../../src/index.js'
import {
  apiGatewayV2Event,
  context,
  readResponse,
  s3Event,
  s3Record,
  snsEvent,
  snsRecord,
} from '../support/index.js'

/*
 * Signals: what packages report about an invocation (`emitSignal()`), delivered to the observers it registered
 * (`Invocation.observe()`), and to nobody else.
 */

let restoreWriter: (() => void) | undefined
let lines: Record<string, unknown>[] = []
beforeEach(() => {
  lines = []
  restoreWriter = setLogWriter((line) => lines.push(JSON.parse(line) as Record<string, unknown>))
})
afterEach(() => {
  restoreWriter?.()
  vi.useRealTimers()
})

/** A middleware that registers one observer per invocation and collects what it receives, by invocation. */
function observing(received: Map<string, SignalArguments[]>) {
  const key = Symbol('observing')
  return {
    name: 'observing',
    handle(request: InvocationRequest, next: () => unknown) {
      const invocation = invocationOf(request)
      invocation?.local(key, () => {
        const mine: SignalArguments[] = []
        received.set(request.context.awsRequestId, mine)
        invocation.observe((...signal) => {
          mine.push(signal)
        })
        return mine
      })
      return next()
    },
  }
}

describe('emitSignal()', () => {
  it('does nothing, and needs no observer, about a request whose invocation has none', () => {
    const handler = lambda(raw()).handle((request) => {
      expect(hasSignalObservers(request)).toBe(false)
      emitSignal(request, 'http.answer', { status: 200 })
      return 'ok'
    })
    return expect(handler({}, context())).resolves.toBe('ok')
  })

  it('does nothing about undefined or an object no adapter made', () => {
    expect(() => emitSignal(undefined, 'http.answer', { status: 200 })).not.toThrow()
    expect(hasSignalObservers({})).toBe(false)
    expect(hasSignalObservers(undefined)).toBe(false)
  })

  it("delivers a package's signal to the invocation's observers, with the request it is about", async () => {
    const received = new Map<string, SignalArguments[]>()
    let seenRequest: object | undefined
    const handler = lambda(raw())
      .use(observing(received))
      .handle((request) => {
        seenRequest = request
        expect(hasSignalObservers(request)).toBe(true)
        emitSignal(request, 'idempotency.outcome', { outcome: 'duplicate' })
        return 'ok'
      })
    await handler({}, context(3_000, { awsRequestId: 'req-1' }))
    expect(received.get('req-1')).toEqual([['idempotency.outcome', { outcome: 'duplicate' }, seenRequest]])
  })

  it("reports every HTTP answer's status, whatever made it", async () => {
    const received = new Map<string, SignalArguments[]>()
    const handler = lambda(apiGatewayV2())
      .use(observing(received))
      .handle(({ path }) => {
        if (path === '/missing') throw new HttpError(404, 'No such order')
        if (path === '/broken') throw new Error('boom')
        return { ok: true }
      })
    for (const [path, requestId] of [
      ['/ok', 'ok'],
      ['/missing', 'missing'],
      ['/broken', 'broken'],
    ] as const) {
      await handler(apiGatewayV2Event({ path }), context(3_000, { awsRequestId: requestId }))
    }
    const statuses = (requestId: string) =>
      received
        .get(requestId)
        ?.filter(([name]) => name === 'http.answer')
        .map(([, fields]) => fields)
    expect(statuses('ok')).toEqual([{ status: 200 }])
    expect(statuses('missing')).toEqual([{ status: 404 }])
    expect(statuses('broken')).toEqual([{ status: 500 }])
  })

  it('reports the deadline guard firing, before the 504 it answers', async () => {
    vi.useFakeTimers()
    const received = new Map<string, SignalArguments[]>()
    const handler = lambda(apiGatewayV2(), { deadlineMarginMs: 100 })
      .use(observing(received))
      .handle(() => new Promise(() => {}))
    const running = handler(apiGatewayV2Event(), context(1_000, { awsRequestId: 'slow' }))
    await vi.advanceTimersByTimeAsync(1_000)
    expect(readResponse(await running).status).toBe(504)
    expect(received.get('slow')?.map(([name, fields]) => [name, fields])).toEqual([
      ['deadline.cut', { remainingMs: 100, marginMs: 100 }],
      ['http.answer', { status: 504 }],
    ])
  })

  it('reports each record of SNS and S3 with its outcome', async () => {
    const received = new Map<string, SignalArguments[]>()
    const snsHandler = lambda(sns())
      .use(observing(received))
      .handle(({ body }) => {
        if (body === 'bad') throw new Error('bad record')
      })
    await expect(
      snsHandler(
        snsEvent(
          snsRecord({ message: 'good', messageId: 'm-1' }),
          snsRecord({ message: 'bad', messageId: 'm-2' }),
        ),
        context(3_000, { awsRequestId: 'sns' }),
      ),
    ).rejects.toThrow('bad record')
    expect(received.get('sns')?.map(([name, fields]) => [name, fields])).toEqual([
      ['batch.record', { source: 'sns', recordId: 'm-1', outcome: 'succeeded' }],
      ['batch.record', { source: 'sns', recordId: 'm-2', outcome: 'failed' }],
    ])

    const s3Handler = lambda(s3())
      .use(observing(received))
      .handle(() => {})
    await s3Handler(s3Event(s3Record({ key: 'a.csv' })), context(3_000, { awsRequestId: 's3' }))
    expect(
      received.get('s3')?.map(([name, fields]) => [name, (fields as { outcome: string }).outcome]),
    ).toEqual([['batch.record', 'succeeded']])
  })

  it('reaches only the observers of the invocation it is about, under overlapping invocations', async () => {
    vi.useFakeTimers()
    const received = new Map<string, SignalArguments[]>()
    const handler = lambda(raw<{ index: number }>())
      .use(observing(received))
      .handle(async (request) => {
        await new Promise((resolve) => setTimeout(resolve, (request.event.index * 7) % 17))
        emitSignal(request, 'http.answer', { status: 200 + request.event.index })
      })
    const running = Array.from({ length: 200 }, (_, index) =>
      handler({ index }, context(60_000, { awsRequestId: `req-${index}` })),
    )
    await vi.runAllTimersAsync()
    await Promise.all(running)
    for (let index = 0; index < 200; index++) {
      expect(received.get(`req-${index}`)?.map(([, fields]) => fields)).toEqual([{ status: 200 + index }])
    }
  })

  it('logs an observer that throws, delivers to the others, and leaves the emitter unharmed', async () => {
    const delivered: string[] = []
    const handler = lambda(raw())
      .use({
        name: 'observers',
        handle(request, next) {
          const invocation = invocationOf(request)
          invocation?.observe(() => {
            throw new Error('observer broke')
          })
          invocation?.observe((...[name]) => {
            delivered.push(name)
          })
          return next()
        },
      })
      .handle((request) => {
        emitSignal(request, 'http.answer', { status: 200 })
        return 'ok'
      })
    await expect(handler({}, context())).resolves.toBe('ok')
    expect(delivered).toEqual(['http.answer'])
    expect(lines).toEqual([
      expect.objectContaining({
        level: 'ERROR',
        message: 'A signal observer failed on "http.answer"',
        error: expect.objectContaining({ message: 'observer broke' }),
      }),
    ])
  })

  it('delivers nothing once the invocation is over', async () => {
    const received = new Map<string, SignalArguments[]>()
    let kept: InvocationRequest | undefined
    const handler = lambda(raw())
      .use(observing(received))
      .handle((request) => {
        kept = request
      })
    await handler({}, context(3_000, { awsRequestId: 'over' }))
    expect(hasSignalObservers(kept)).toBe(false)
    emitSignal(kept, 'http.answer', { status: 200 })
    expect(received.get('over')).toEqual([])
  })
})
