import { afterEach, describe, expect, it, vi } from 'vitest'
import { apiGatewayV2, InitError, isTsumikiError, lambda, type Middleware, raw } from '../../src/index.js'
import {
  apiGatewayV2Event,
  captureStderr,
  context,
  deferred,
  flushMicrotasks,
  readResponse,
  settle,
} from '../support/index.js'

afterEach(() => {
  vi.restoreAllMocks()
})

function withInit(name: string, init: () => unknown): Middleware {
  return { name, init: init as () => void, handle: (_request, next) => next() }
}

describe('init()', () => {
  it('starts when the handler is built, before any invocation', async () => {
    const init = vi.fn()
    lambda(raw())
      .use(withInit('client', init))
      .handle(() => 'ok')

    await flushMicrotasks()
    expect(init).toHaveBeenCalledTimes(1)
  })

  it('runs once, and never again while the function stays warm', async () => {
    const init = vi.fn(async () => {})
    const handler = lambda(raw())
      .use(withInit('client', init))
      .handle(() => 'ok')

    for (let invocation = 0; invocation < 5; invocation++) await handler({}, context())
    expect(init).toHaveBeenCalledTimes(1)
  })

  it('runs every middleware init at the same time rather than one after another', async () => {
    const ssm = deferred()
    const dynamo = deferred()
    const started: string[] = []
    lambda(raw())
      .use(
        withInit('parameters', () => {
          started.push('parameters')
          return ssm.promise
        }),
      )
      .use(
        withInit('dynamodb', () => {
          started.push('dynamodb')
          return dynamo.promise
        }),
      )
      .handle(() => 'ok')

    await flushMicrotasks()
    // Both started although neither has finished: they overlap.
    expect(started).toEqual(['parameters', 'dynamodb'])
    ssm.resolve()
    dynamo.resolve()
  })

  it('makes the first invocation wait for every slow init to finish', async () => {
    const first = deferred()
    const second = deferred()
    const ready = { first: false, second: false }
    const handler = lambda(raw())
      .use(withInit('first', () => first.promise.then(() => (ready.first = true))))
      .use(withInit('second', () => second.promise.then(() => (ready.second = true))))
      .handle(() => ({ ...ready }))

    let settled = false
    const invocation = handler({}, context()).finally(() => (settled = true))
    first.resolve()
    await flushMicrotasks()
    expect(settled).toBe(false)

    second.resolve()
    await expect(invocation).resolves.toEqual({ first: true, second: true })
  })

  it('fails the invocations awaiting a failed attempt with InitError, and the next invocation retries and succeeds', async () => {
    const attempts = [deferred(), deferred()]
    let calls = 0
    const handler = lambda(raw())
      .use(withInit('parameters', () => attempts[calls++]?.promise))
      .handle(() => 'served')

    const firstOutcome = settle(handler({}, context()))
    const alsoWaiting = settle(handler({}, context()))
    const cause = new Error('AccessDeniedException: not authorized to perform ssm:GetParameters')
    attempts[0]?.reject(cause)

    const first = await firstOutcome
    expect(first.ok).toBe(false)
    const error = first.ok ? undefined : first.error
    expect(error).toBeInstanceOf(InitError)
    expect(isTsumikiError(error) && error.code).toBe('INIT_FAILED')
    expect((error as InitError).cause).toBe(cause)
    expect((error as InitError).middleware).toBe('parameters')
    expect((error as InitError).message).toContain('AccessDeniedException')
    expect(await alsoWaiting).toMatchObject({ ok: false, error: { code: 'INIT_FAILED' } })

    const retry = handler({}, context())
    expect(calls).toBe(1)
    await flushMicrotasks()
    expect(calls).toBe(2)
    attempts[1]?.resolve()
    await expect(retry).resolves.toBe('served')
    await expect(handler({}, context())).resolves.toBe('served')
    expect(calls).toBe(2)
  })

  it('retries on the first invocation an init that failed at module load before anyone awaited it', async () => {
    let calls = 0
    const handler = lambda(raw())
      .use(
        withInit('flaky', () => {
          calls++
          if (calls === 1) throw new Error('throttled')
        }),
      )
      .handle(() => 'ok')

    await flushMicrotasks()
    expect(calls).toBe(1)
    await expect(handler({}, context())).resolves.toBe('ok')
    expect(calls).toBe(2)
  })

  it('wraps a synchronous throw or a non-Error rejection the same way', async () => {
    const handler = lambda(raw())
      .use(
        withInit('config', () => {
          throw 'missing CONFIG_URL'
        }),
      )
      .handle(() => 'ok')

    const error = await handler({}, context()).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(InitError)
    expect((error as InitError).cause).toBe('missing CONFIG_URL')
    expect((error as InitError).message).toBe('Middleware "config" failed to initialise: missing CONFIG_URL')
  })

  it('runs once for a middleware instance shared by two handlers in one bundle', async () => {
    const init = vi.fn(async () => {})
    const shared = withInit('shared-client', init)
    const orders = lambda(raw())
      .use(shared)
      .handle(() => 'orders')
    const invoices = lambda(raw())
      .use(shared)
      .handle(() => 'invoices')

    await expect(orders({}, context())).resolves.toBe('orders')
    await expect(invoices({}, context())).resolves.toBe('invoices')
    expect(init).toHaveBeenCalledTimes(1)
  })

  it('lets a handler built after a shared init finished skip waiting altogether', async () => {
    const init = vi.fn()
    const shared = withInit('shared-client', init)
    await lambda(raw())
      .use(shared)
      .handle(() => 'first')({}, context())
    const later = lambda(raw())
      .use(shared)
      .handle(() => 'later')

    await expect(later({}, context())).resolves.toBe('later')
    expect(init).toHaveBeenCalledTimes(1)
  })

  it('answers 500 on HTTP when init failed, and logs the InitError', async () => {
    const stderr = captureStderr()
    const handler = lambda(apiGatewayV2())
      .use(
        withInit('secrets', async () => {
          throw new Error('ResourceNotFoundException: secret orders/api-key')
        }),
      )
      .handle(() => ({ ok: true }))

    const response = readResponse(
      await handler(apiGatewayV2Event(), context(3_000, { awsRequestId: 'req-init' })),
    )
    expect(response.status).toBe(500)
    expect(response.json()).toEqual({ error: { type: 'internal', message: 'Internal server error' } })
    expect(response.body).not.toContain('ResourceNotFoundException')
    expect(stderr.lines()).toEqual([
      expect.objectContaining({
        level: 'ERROR',
        function_request_id: 'req-init',
        error: expect.objectContaining({ name: 'InitError', code: 'INIT_FAILED' }),
      }),
    ])
  })
})
