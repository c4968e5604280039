import { readFileSync } from 'node:fs'
import { http, lambda, raw } from '@tsumiki/core'
import { events, invoke, type LocalAws, startLocalAws } from '@tsumiki/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as z from 'zod'
import { itRunsEveryBlock } from '../../../test/support/markdown-blocks.js'
import {
  appConfig,
  createParameterStore,
  featureFlags,
  parameters,
  secret,
  ssm,
  ssmPath,
} from '../src/index.js'

// Every ```ts block of README.md is here, line for line (the test at the end checks that), and runs against a
// local endpoint that the default SDK clients reach through the AWS_ENDPOINT_URL environment variable.

let local: LocalAws

beforeAll(async () => {
  local = await startLocalAws({
    parameters: {
      '/orders/table': 'orders',
      '/orders/limits': '{"maxItems":5,"currency":"JPY"}',
      '/orders/regions': { value: 'ap-northeast-1,us-east-1', type: 'StringList' },
      '/orders/flags/beta': 'on',
    },
    secrets: { 'orders/api-key': 'readme-api-key', 'orders/db-password': 'old-password' },
    configurations: [
      { application: 'orders', environment: 'prod', profile: 'settings', content: { maxItems: 5 } },
      {
        application: 'orders',
        environment: 'prod',
        profile: 'flags',
        content: {
          version: '1',
          flags: { 'new-checkout': { name: 'New checkout' }, pricing: { name: 'Pricing' } },
          values: {
            'new-checkout': { enabled: true },
            pricing: {
              _variants: [
                { name: 'Pro', enabled: true, rule: '(eq $plan "pro")', attributeValues: { discount: 10 } },
                { name: 'Default', enabled: true, attributeValues: { discount: 0 } },
              ],
            },
          },
        },
      },
    ],
  })
  process.env.AWS_ENDPOINT_URL = local.endpoint
  process.env.AWS_REGION = local.region
  process.env.AWS_ACCESS_KEY_ID = local.credentials.accessKeyId
  process.env.AWS_SECRET_ACCESS_KEY = local.credentials.secretAccessKey
})

afterAll(async () => {
  await local.stop()
})

describe('README: Use it', () => {
  it('serves typed values', async () => {
    const Limits = z.object({ maxItems: z.number().int().positive(), currency: z.enum(['JPY', 'USD']) })

    const handler = lambda(http())
      .use(
        parameters({
          table: ssm('/orders/table'), // string
          limits: ssm('/orders/limits', { schema: Limits }), // JSON, checked: { maxItems: number; currency: ... }
          regions: ssm('/orders/regions', { format: 'list' }), // a StringList: readonly string[]
          apiKey: secret('orders/api-key'), // string, never printed by any tsumiki log line
          flags: ssmPath('/orders/flags/'), // every parameter below the path: Record<string, string>
        }),
      )
      .handle(({ params }) => ({
        table: params.table,
        maxItems: params.limits.maxItems,
        regions: params.regions,
        beta: params.flags.beta === 'on',
      }))

    const response = await invoke(handler, events.http('apiGatewayV2', { path: '/' }))
    expect(JSON.parse(response.body ?? '')).toEqual({
      table: 'orders',
      maxItems: 5,
      regions: ['ap-northeast-1', 'us-east-1'],
      beta: true,
    })
  })
})

describe('README: Rotation', () => {
  it('reads a rotated password again after a failed login', async () => {
    const connect = async (user: string, password: string) => {
      if (password !== 'new-password') throw Object.assign(new Error('auth failed'), { code: 'AUTH' })
      return `${user} connected`
    }
    const isAuthError = (error: unknown) => (error as { code?: string }).code === 'AUTH'
    local.setSecret('orders/db-password', 'old-password')

    const handler = lambda(raw<{ user: string }, string>())
      .use(parameters({ dbPassword: secret('orders/db-password') }))
      .handle(async ({ event, params, signal }) => {
        try {
          return await connect(event.user, params.dbPassword)
        } catch (error) {
          if (!isAuthError(error)) throw error
          return connect(event.user, await params.refresh('dbPassword', { signal }))
        }
      })

    await invoke(handler, { user: 'warmup' }).catch(() => undefined)
    local.setSecret('orders/db-password', 'new-password')
    await expect(invoke(handler, { user: 'app' })).resolves.toBe('app connected')
  })
})

describe('README: AppConfig and feature flags', () => {
  it('reads a configuration and evaluates flags per request', async () => {
    const Settings = z.object({ maxItems: z.number().int().positive() })
    const where = { application: 'orders', environment: 'prod' }

    const handler = lambda(http())
      .use(parameters({ settings: appConfig({ ...where, profile: 'settings', schema: Settings }) }))
      .use(featureFlags(appConfig({ ...where, profile: 'flags' }), { flags: ['new-checkout', 'pricing'] }))
      .handle(({ params, flags, headers }) => {
        const context = { userId: headers['x-user-id'] ?? 'anonymous', plan: headers['x-plan'] ?? 'free' }
        return {
          checkout: flags.isEnabled('new-checkout', context) ? 'v2' : 'v1',
          discount: flags.variant('pricing', context).attributes.discount,
          maxItems: params.settings.maxItems,
        }
      })

    const headers = { 'x-user-id': 'u-1', 'x-plan': 'pro' }
    const response = await invoke(handler, events.http('apiGatewayV2', { path: '/', headers }))
    expect(JSON.parse(response.body ?? '')).toEqual({ checkout: 'v2', discount: 10, maxItems: 5 })
  })
})

describe('README: Without the engine', () => {
  it('gets one value, all values, or a fresh one', async () => {
    const Limits = z.object({ maxItems: z.number().int().positive(), currency: z.enum(['JPY', 'USD']) })

    const config = createParameterStore({
      table: ssm('/orders/table'),
      limits: ssm('/orders/limits', { schema: Limits }),
    })

    const table = await config.get('table') // one value (fetched alone when not in memory)
    const { limits } = await config.getAll() // every value, fetched together
    const fresh = await config.refresh('limits') // read again now

    expect([table, limits.maxItems, fresh.currency]).toEqual(['orders', 5, 'JPY'])
  })
})

describe('README: Testing', () => {
  it('runs the store against startLocalAws', async () => {
    const Limits = z.object({ maxItems: z.number().int().positive(), currency: z.enum(['JPY', 'USD']) })

    const aws = await startLocalAws({
      parameters: { '/orders/table': 'orders', '/orders/limits': '{"maxItems":5,"currency":"JPY"}' },
      secrets: { 'orders/api-key': 'test-key-123' },
    })
    const store = createParameterStore(
      {
        table: ssm('/orders/table'),
        limits: ssm('/orders/limits', { schema: Limits }),
        apiKey: secret('orders/api-key'),
      },
      { clientConfig: { endpoint: aws.endpoint, region: aws.region, credentials: aws.credentials } },
    )

    expect((await store.getAll()).limits.maxItems).toBe(5)
    expect(aws.calls('GetParameters')).toBe(1)
    aws.inject({ operation: 'GetParameters', fault: 'throttle', times: 1 })
    await aws.stop()
  })
})

describe('README.md', () => {
  itRunsEveryBlock(
    readFileSync(new URL('../README.md', import.meta.url), 'utf8'),
    readFileSync(new URL(import.meta.url), 'utf8'),
    { blocks: 5, sourceEntries: { '@tsumiki/parameters': '../src/index.js' } },
  )
})
