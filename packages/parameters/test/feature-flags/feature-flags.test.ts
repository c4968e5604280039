import { lambda, raw } from '@tsumiki/core'
import { createContext, type LocalAws, startLocalAws } from '@tsumiki/testing'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { appConfig, createParameterStore, featureFlags, flagsOf, isParameterError } from '../../src/index.js'

vi.setConfig({ testTimeout: 30_000, hookTimeout: 30_000 })

const target = { application: 'orders', environment: 'prod', profile: 'flags' }
const clock = { nowMs: Date.UTC(2026, 11, 2) }
let aws: LocalAws

beforeEach(async () => {
  aws = await startLocalAws({
    configurations: [
      {
        ...target,
        content: {
          'new-checkout': { enabled: false },
          pricing: { enabled: true, discount: 5 },
        },
      },
    ],
    now: () => clock.nowMs,
  })
})

afterEach(async () => {
  await aws.stop()
})

function storeOptions() {
  return {
    clientConfig: {
      endpoint: aws.endpoint,
      region: aws.region,
      credentials: aws.credentials,
      maxAttempts: 1,
    },
    now: () => clock.nowMs,
  }
}

describe('featureFlags()', () => {
  it('adds request.flags, fetched at cold start, and a flip is seen after the poll interval, with no deploy', async () => {
    const handler = lambda(raw())
      .use(
        featureFlags(appConfig({ ...target, maxAgeMs: 15_000 }), {
          flags: ['new-checkout', 'pricing'],
          ...storeOptions(),
          refresh: 'blocking',
        }),
      )
      .handle(({ flags }) => ({
        checkout: flags.isEnabled('new-checkout', { userId: 'u-1' }),
        discount: flags.variant('pricing').attributes.discount,
      }))
    const context = createContext()
    expect(await handler({}, context)).toEqual({ checkout: false, discount: 5 })
    aws.setConfiguration(target, {
      'new-checkout': { enabled: true },
      pricing: { enabled: true, discount: 7 },
    })
    expect(await handler({}, context)).toEqual({ checkout: false, discount: 5 })
    clock.nowMs += 15_000
    expect(await handler({}, context)).toEqual({ checkout: true, discount: 7 })
    // One session for the life of the function; checks made no call.
    expect(aws.calls('StartConfigurationSession')).toBe(1)
    expect(aws.calls('GetLatestConfiguration')).toBe(2)
  })

  it('fails the cold start with a ParameterError naming a flag the configuration lacks', async () => {
    const handler = lambda(raw())
      .use(featureFlags(appConfig(target), { flags: ['new-checkout', 'dark-mode'], ...storeOptions() }))
      .handle(({ flags }) => flags.isEnabled('dark-mode'))
    const failure = await handler({}, createContext()).catch((error: unknown) => error)
    // The engine reports a failed init with the middleware's error as the cause.
    const cause = (failure as Error).cause
    expect(isParameterError(cause) && cause.failures).toEqual([
      {
        name: 'orders/prod/flags',
        source: 'appConfig',
        reason: 'invalid',
        detail: `does not hold the flag 'dark-mode'`,
      },
    ])
  })

  it('keeps serving the flags it has when a new configuration is malformed, within staleIfErrorMs', async () => {
    const store = createParameterStore(
      { flags: flagsOf(appConfig({ ...target, maxAgeMs: 15_000 }), { flags: ['new-checkout'] }) },
      { ...storeOptions(), refresh: 'blocking', staleIfErrorMs: 60_000, logger: { warn: () => {} } },
    )
    expect((await store.get('flags')).isEnabled('new-checkout')).toBe(false)
    aws.setConfiguration(target, { 'new-checkout': { enabled: 'yes' } })
    clock.nowMs += 15_000
    expect((await store.get('flags')).isEnabled('new-checkout')).toBe(false)
  })

  it('refuses a source that is not an appConfig() definition', () => {
    expect(() => featureFlags({} as never, { flags: ['a'] })).toThrow(/an appConfig\(\) definition/)
  })
})
