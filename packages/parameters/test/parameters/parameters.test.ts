import { lambda, raw } from '@tsumiki/core'
import { logger } from '@tsumiki/logger'
import { invoke } from '@tsumiki/testing'
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import * as z from 'zod'
import {
  isParameterError,
  type ParameterDefinitions,
  parameters,
  secret,
  ssm,
  ssmPath,
} from '../../src/index.js'
import { manyParameters, type Setup, startSetup } from '../support/local-aws.js'

let setup: Setup

const Limits = z.object({ maxItems: z.number().int(), currency: z.string() })

beforeAll(async () => {
  setup = await startSetup({
    parameters: {
      ...manyParameters('/many', 25),
      '/orders/table': 'orders-table',
      '/orders/limits': JSON.stringify({ maxItems: 5, currency: 'JPY' }),
      '/orders/regions': { value: 'ap-northeast-1,us-east-1', type: 'StringList' },
      '/orders/db/password': { value: 'db-pa55word-xyz', type: 'SecureString' },
      '/orders/db/host': 'db.internal',
    },
    secrets: { 'orders/api-key': 'api-key-0123456789', 'orders/other': 'other-secret-value' },
  })
})

afterAll(async () => {
  await setup.aws.stop()
})

beforeEach(() => {
  setup.aws.resetCalls()
  setup.aws.clearFaults()
})

/** A raw-event handler that answers with its params, behind the parameters middleware. */
function handlerFor<const Definitions extends ParameterDefinitions>(
  definitions: Definitions,
  options: Parameters<typeof parameters>[1] = {},
) {
  return lambda(raw<unknown, unknown>())
    .use(parameters(definitions, { clientConfig: setup.clientConfig, now: setup.clock.now, ...options }))
    .handle(({ params }) => params)
}

describe('cold start', () => {
  it('fetches 25 SSM names with 3 GetParameters calls sent in parallel', async () => {
    // Latency keeps each call open long enough for the others to arrive while it is answered.
    setup.aws.inject({ latencyMs: 500, operation: 'GetParameters' })
    const definitions = Object.fromEntries(
      Object.keys(manyParameters('/many', 25)).map((name, index) => [`p${index}`, ssm(name)]),
    )
    const handler = handlerFor(definitions)
    const params = (await invoke(handler, {})) as Record<string, string>
    expect(Object.keys(params)).toHaveLength(25)
    expect(params.p24).toBe('value-24')
    expect(setup.aws.calls('GetParameters')).toBe(3)
    expect(setup.aws.peakConcurrency('GetParameters')).toBe(3)
    expect(setup.aws.calls()).toBe(3)
  })

  it('types and converts: text, schema output from JSON, StringList, SecureString decrypted, a path as a record', async () => {
    const handler = lambda(raw<unknown, unknown>())
      .use(
        parameters(
          {
            table: ssm('/orders/table'),
            limits: ssm('/orders/limits', { schema: Limits }),
            regions: ssm('/orders/regions', { format: 'list' }),
            password: ssm('/orders/db/password'),
            cipher: ssm('/orders/db/password', { decrypt: false }),
            apiKey: secret('orders/api-key'),
            orders: ssmPath('/orders/'),
          },
          { clientConfig: setup.clientConfig, now: setup.clock.now },
        ),
      )
      .handle(({ params }) => ({
        table: params.table,
        maxItems: params.limits.maxItems,
        regions: params.regions,
        password: params.password,
        cipher: params.cipher,
        apiKey: params.apiKey,
        orders: params.orders,
      }))
    const result = (await invoke(handler, {})) as Record<string, unknown>
    expect(result).toMatchObject({
      table: 'orders-table',
      maxItems: 5,
      regions: ['ap-northeast-1', 'us-east-1'],
      password: 'db-pa55word-xyz',
      apiKey: 'api-key-0123456789',
    })
    expect(result.cipher).not.toBe('db-pa55word-xyz')
    expect(result.orders).toEqual({
      table: 'orders-table',
      limits: '{"maxItems":5,"currency":"JPY"}',
      regions: 'ap-northeast-1,us-east-1',
      'db/password': 'db-pa55word-xyz',
      'db/host': 'db.internal',
    })
    // One GetParameters per decrypt setting, one path, one secret.
    expect(setup.aws.calls('GetParameters')).toBe(2)
    expect(setup.aws.calls('GetParametersByPath')).toBe(1)
    expect(setup.aws.calls('GetSecretValue')).toBe(1)
  })

  it('follows NextToken through a path of 25 parameters', async () => {
    const handler = handlerFor({ many: ssmPath('/many', { recursive: false }) })
    const { many } = (await invoke(handler, {})) as { many: Record<string, string> }
    expect(Object.keys(many)).toHaveLength(25)
    expect(many.p07).toBe('value-7')
    expect(setup.aws.calls('GetParametersByPath')).toBe(3)
  })

  it('reads several secrets with one BatchGetSecretValue call', async () => {
    const handler = handlerFor({ apiKey: secret('orders/api-key'), other: secret('orders/other') })
    expect(await invoke(handler, {})).toEqual({ apiKey: 'api-key-0123456789', other: 'other-secret-value' })
    expect(setup.aws.calls('BatchGetSecretValue')).toBe(1)
    expect(setup.aws.calls('GetSecretValue')).toBe(0)
  })

  it('reads secrets one by one, in parallel, once IAM denies BatchGetSecretValue', async () => {
    setup.aws.inject({ operation: 'BatchGetSecretValue', fault: 'access-denied', times: 1 })
    const handler = handlerFor({ apiKey: secret('orders/api-key'), other: secret('orders/other') })
    expect(await invoke(handler, {})).toEqual({ apiKey: 'api-key-0123456789', other: 'other-secret-value' })
    expect(setup.aws.calls('BatchGetSecretValue')).toBe(1)
    expect(setup.aws.calls('GetSecretValue')).toBe(2)
  })

  it('names every missing parameter and secret at once, and heals on a later invocation', async () => {
    const handler = handlerFor({
      table: ssm('/orders/table'),
      gone: ssm('/orders/gone'),
      alsoGone: ssm('/orders/also-gone'),
      secretGone: secret('orders/gone'),
    })
    const error = await invoke(handler, {}).catch((caught: unknown) => caught)
    const cause = (error as Error).cause
    expect(isParameterError(cause)).toBe(true)
    expect(cause).toMatchObject({ code: 'PARAMETER_NOT_FOUND' })
    expect((cause as Error).message).toBe(
      'Not found: SSM parameter /orders/gone, SSM parameter /orders/also-gone, secret orders/gone',
    )
    setup.aws.setParameter('/orders/gone', 'here')
    setup.aws.setParameter('/orders/also-gone', 'here too')
    setup.aws.setSecret('orders/gone', 'secret-here')
    await expect(invoke(handler, {})).resolves.toMatchObject({ gone: 'here', alsoGone: 'here too' })
    setup.aws.deleteParameter('/orders/gone')
    setup.aws.deleteParameter('/orders/also-gone')
    setup.aws.deleteSecret('orders/gone')
  })

  it('reports a value that does not fit its schema by name, at init', async () => {
    const handler = handlerFor({ limits: ssm('/orders/table', { schema: Limits }) })
    const error = await invoke(handler, {}).catch((caught: unknown) => caught)
    expect((error as Error).cause).toMatchObject({
      code: 'PARAMETER_INVALID',
      failures: [expect.objectContaining({ name: '/orders/table', reason: 'invalid' })],
    })
  })
})

describe('warm', () => {
  it('serves 1,000 invocations within maxAgeMs without a call', async () => {
    const handler = handlerFor({ table: ssm('/orders/table'), apiKey: secret('orders/api-key') })
    await invoke(handler, {})
    setup.aws.resetCalls()
    for (let index = 0; index < 1000; index++) {
      setup.clock.advance(250)
      const params = (await invoke(handler, {})) as { table: string }
      expect(params.table).toBe('orders-table')
    }
    expect(setup.clock.nowMs).toBeGreaterThan(0)
    expect(setup.aws.calls()).toBe(0)
  })
})

describe('expiry', () => {
  const definitions = { table: ssm('/orders/rotating'), apiKey: secret('orders/api-key') }

  it('background: 50 concurrent invocations after maxAgeMs get the old value at once and cause one refresh', async () => {
    setup.aws.setParameter('/orders/rotating', 'first')
    const handler = handlerFor(definitions, { maxAgeMs: 60_000 })
    await invoke(handler, {})
    setup.aws.setParameter('/orders/rotating', 'second')
    setup.aws.resetCalls()
    setup.aws.inject({ latencyMs: 20 })
    setup.clock.advance(60_000)

    const results = (await Promise.all(Array.from({ length: 50 }, () => invoke(handler, {})))) as {
      table: string
    }[]
    expect(new Set(results.map((result) => result.table))).toEqual(new Set(['first']))
    await vi.waitFor(() => expect(setup.aws.calls()).toBe(2), { timeout: 5000 })
    expect(setup.aws.calls('GetParameters')).toBe(1)
    expect(setup.aws.calls('GetSecretValue')).toBe(1)
    await vi.waitFor(
      async () => expect(((await invoke(handler, {})) as { table: string }).table).toBe('second'),
      { timeout: 5000 },
    )
    expect(setup.aws.calls()).toBe(2)
  })

  it('blocking: 50 concurrent invocations after maxAgeMs wait for one refresh and all get the new value', async () => {
    setup.aws.setParameter('/orders/rotating', 'first')
    const handler = handlerFor(definitions, { maxAgeMs: 60_000, refresh: 'blocking' })
    await invoke(handler, {})
    setup.aws.setParameter('/orders/rotating', 'second')
    setup.aws.resetCalls()
    setup.aws.inject({ latencyMs: 20 })
    setup.clock.advance(60_000)

    const results = (await Promise.all(Array.from({ length: 50 }, () => invoke(handler, {})))) as {
      table: string
    }[]
    expect(results.every((result) => result.table === 'second')).toBe(true)
    expect(setup.aws.calls('GetParameters')).toBe(1)
    expect(setup.aws.calls('GetSecretValue')).toBe(1)
    expect(setup.aws.calls()).toBe(2)
  })

  it('throttled refresh: serves the stale value with one warning, then recovers', async () => {
    const lines: string[] = []
    setup.aws.setParameter('/orders/rotating', 'first')
    const handler = lambda(raw<unknown, unknown>())
      .use(logger({ service: 'test', write: (line) => lines.push(line) }))
      .use(
        parameters(
          { table: ssm('/orders/rotating') },
          {
            clientConfig: setup.clientConfig,
            now: setup.clock.now,
            maxAgeMs: 60_000,
            staleIfErrorMs: 600_000,
            refresh: 'blocking',
          },
        ),
      )
      .handle(({ params }) => params.table)
    await invoke(handler, {})
    setup.aws.setParameter('/orders/rotating', 'second')
    setup.aws.inject({ operation: 'GetParameters', fault: 'throttle', times: 1 })
    setup.clock.advance(60_000)

    expect(await invoke(handler, {})).toBe('first')
    const warnings = lines
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((line) => line.level === 'WARN')
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatchObject({
      message: 'Refresh failed; serving the value read before',
      parameters: ['/orders/rotating'],
    })
    expect(String(warnings[0]?.reason)).toContain('ThrottlingException')
    expect(await invoke(handler, {})).toBe('second')
  })

  it('background, throttled refresh: one warning, the stale value until a retry a second later succeeds', async () => {
    const warnings: unknown[] = []
    setup.aws.setParameter('/orders/rotating', 'first')
    const handler = handlerFor(
      { table: ssm('/orders/rotating') },
      { maxAgeMs: 60_000, staleIfErrorMs: 600_000, logger: { warn: (message) => warnings.push(message) } },
    )
    await invoke(handler, {})
    setup.aws.setParameter('/orders/rotating', 'second')
    setup.aws.resetCalls()
    setup.aws.inject({ operation: 'GetParameters', fault: 'throttle', times: 1 })
    setup.clock.advance(60_000)

    expect(await invoke(handler, {})).toEqual({ table: 'first' })
    await vi.waitFor(() => expect(warnings).toEqual(['Refresh failed; serving the value read before']), {
      timeout: 5000,
    })
    setup.clock.advance(500)
    expect(await invoke(handler, {})).toEqual({ table: 'first' })
    expect(setup.aws.calls('GetParameters')).toBe(1)
    setup.clock.advance(500)
    expect(await invoke(handler, {})).toEqual({ table: 'first' })
    await vi.waitFor(async () => expect(await invoke(handler, {})).toEqual({ table: 'second' }), {
      timeout: 5000,
    })
    expect(setup.aws.calls('GetParameters')).toBe(2)
    expect(warnings).toHaveLength(1)
  })

  it('background, throttled refresh without staleIfErrorMs: a warning, then the next invocation waits for a read', async () => {
    const warnings: unknown[] = []
    setup.aws.setParameter('/orders/rotating', 'first')
    const handler = handlerFor(
      { table: ssm('/orders/rotating') },
      { maxAgeMs: 60_000, logger: { warn: (message) => warnings.push(message) } },
    )
    await invoke(handler, {})
    setup.aws.setParameter('/orders/rotating', 'second')
    setup.aws.inject({ operation: 'GetParameters', fault: 'throttle', times: 2 })
    setup.clock.advance(60_000)

    expect(await invoke(handler, {})).toEqual({ table: 'first' })
    await vi.waitFor(
      () => expect(warnings).toEqual(['Background refresh failed; the next invocation waits for a new read']),
      { timeout: 5000 },
    )
    await expect(invoke(handler, {})).rejects.toMatchObject({ code: 'PARAMETER_FETCH_FAILED' })
    expect(await invoke(handler, {})).toEqual({ table: 'second' })
  })

  it('throttled refresh past staleIfErrorMs: a ParameterError naming the parameter', async () => {
    setup.aws.setParameter('/orders/rotating', 'first')
    const handler = handlerFor({ table: ssm('/orders/rotating') }, { maxAgeMs: 60_000, refresh: 'blocking' })
    await invoke(handler, {})
    setup.aws.inject({ operation: 'GetParameters', fault: 'throttle', times: 1 })
    setup.clock.advance(60_000)
    const error = await invoke(handler, {}).catch((caught: unknown) => caught)
    expect(error).toMatchObject({ code: 'PARAMETER_FETCH_FAILED', failures: [{ name: '/orders/rotating' }] })
    expect((error as Error).message).toContain('ThrottlingException')
    expect(await invoke(handler, {})).toEqual({ table: 'first' })
  })
})

describe('refresh()', () => {
  it('reads a rotated secret once for concurrent callers; later invocations get it too', async () => {
    const handler = lambda(raw<unknown, unknown>())
      .use(
        parameters(
          { apiKey: secret('orders/api-key') },
          { clientConfig: setup.clientConfig, now: setup.clock.now },
        ),
      )
      .handle(async ({ params, signal }) => {
        if (params.apiKey !== 'rotated-key-0000')
          return Promise.all([1, 2, 3].map(() => params.refresh('apiKey', { signal })))
        return [params.apiKey]
      })
    await invoke(handler, {}).catch(() => undefined)
    setup.aws.setSecret('orders/api-key', 'rotated-key-0000')
    setup.aws.resetCalls()
    await expect(invoke(handler, {})).resolves.toEqual([
      'rotated-key-0000',
      'rotated-key-0000',
      'rotated-key-0000',
    ])
    expect(setup.aws.calls('GetSecretValue')).toBe(1)
    await expect(invoke(handler, {})).resolves.toEqual(['rotated-key-0000'])
    setup.aws.setSecret('orders/api-key', 'api-key-0123456789')
  })
})
