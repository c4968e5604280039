import { isTsumikiError } from '@tsumiki/core'
import { type LocalAws, startLocalAws } from '@tsumiki/testing'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { parse } from 'yaml'
import * as z from 'zod'
import { appConfig, createParameterStore, isParameterError, ssm } from '../../src/index.js'

// The real AppConfigData client loads inside these tests: on a busy machine that alone can pass the 5 s default.
vi.setConfig({ testTimeout: 30_000, hookTimeout: 30_000 })

const target = { application: 'orders', environment: 'prod', profile: 'settings' }
const Settings = z.object({ limit: z.number(), region: z.string() })

let aws: LocalAws
/** The endpoint's clock; the store's runs `skewMs` ahead of it (0 unless a test wants the two to disagree). */
const clock = { nowMs: Date.UTC(2026, 11, 2), skewMs: 0 }
const storeNow = () => clock.nowMs + clock.skewMs

beforeEach(async () => {
  clock.skewMs = 0
  aws = await startLocalAws({
    parameters: { '/svc/table': 'table-1' },
    configurations: [{ ...target, content: { limit: 5, region: 'eu' } }],
    now: () => clock.nowMs,
  })
})

afterEach(async () => {
  await aws.stop()
})

function clientConfig() {
  return { endpoint: aws.endpoint, region: aws.region, credentials: aws.credentials, maxAttempts: 1 }
}

describe('appConfig() through the AppConfigData client', () => {
  it('is fetched at cold start beside SSM, typed by its schema', async () => {
    const definitions = { table: ssm('/svc/table'), settings: appConfig({ ...target, schema: Settings }) }
    // A first store loads both SDK clients, so that the store measured sends its calls in the same tick.
    await createParameterStore(definitions, { clientConfig: clientConfig(), now: storeNow }).getAll()
    aws.resetCalls()
    const store = createParameterStore(definitions, { clientConfig: clientConfig(), now: storeNow })
    aws.inject({ latencyMs: 200 })
    const all = await store.getAll()
    expect(all.settings).toEqual({ limit: 5, region: 'eu' })
    expect(all.table).toBe('table-1')
    // Both reads were on the wire at the same time: the cold start does not wait for one before the other.
    expect(aws.peakConcurrency()).toBe(2)
    expect(aws.calls('StartConfigurationSession')).toBe(1)
    expect(aws.calls('GetLatestConfiguration')).toBe(1)
  })

  it('keeps one session, reuses each answer token, and keeps the value when the answer is "no change"', async () => {
    const store = createParameterStore(
      { settings: appConfig({ ...target, schema: Settings, maxAgeMs: 15_000 }) },
      { clientConfig: clientConfig(), now: storeNow, refresh: 'blocking' },
    )
    const first = await store.get('settings')
    clock.nowMs += 15_000
    expect(await store.get('settings')).toEqual(first)
    aws.setConfiguration(target, { limit: 9, region: 'eu' })
    clock.nowMs += 15_000
    expect(await store.get('settings')).toEqual({ limit: 9, region: 'eu' })
    expect(aws.calls('StartConfigurationSession')).toBe(1)
    // Three polls, each with the token the one before it was given (the endpoint refuses a token used twice).
    expect(aws.calls('GetLatestConfiguration')).toBe(3)
  })

  it('does not poll before the interval the service named, whatever the store maxAgeMs', async () => {
    const store = createParameterStore(
      { settings: appConfig({ ...target, schema: Settings }) },
      { clientConfig: clientConfig(), now: storeNow, refresh: 'blocking', maxAgeMs: 1_000 },
    )
    await store.get('settings')
    aws.setConfiguration(target, { limit: 6, region: 'eu' })
    clock.nowMs += 30_000
    // Past maxAgeMs but inside the session's 60 s: the value received is the answer, no call is made.
    expect(await store.get('settings')).toEqual({ limit: 5, region: 'eu' })
    expect(aws.calls('GetLatestConfiguration')).toBe(1)
    clock.nowMs += 30_000
    expect(await store.get('settings')).toEqual({ limit: 6, region: 'eu' })
    expect(aws.calls('GetLatestConfiguration')).toBe(2)
  })

  it('starts a new session when the token is refused, and before it is 24 hours old', async () => {
    const store = createParameterStore(
      { settings: appConfig({ ...target, schema: Settings, maxAgeMs: 15_000 }) },
      { clientConfig: clientConfig(), now: storeNow, refresh: 'blocking' },
    )
    await store.get('settings')
    // The store's clock runs ahead: it polls when the endpoint still says "Request too early".
    clock.skewMs = 20_000
    aws.setConfiguration(target, { limit: 8, region: 'eu' })
    expect(await store.get('settings')).toEqual({ limit: 8, region: 'eu' })
    expect(aws.calls('StartConfigurationSession')).toBe(2)
    clock.skewMs = 0
    clock.nowMs += 24 * 60 * 60 * 1000
    expect(await store.get('settings')).toEqual({ limit: 8, region: 'eu' })
    expect(aws.calls('StartConfigurationSession')).toBe(3)
  })

  it('serves the last value through an outage within staleIfErrorMs, then fails', async () => {
    const warnings: string[] = []
    const store = createParameterStore(
      { settings: appConfig({ ...target, schema: Settings, maxAgeMs: 15_000 }) },
      {
        clientConfig: clientConfig(),
        now: storeNow,
        refresh: 'blocking',
        staleIfErrorMs: 60_000,
        logger: { warn: (message) => warnings.push(message) },
      },
    )
    await store.get('settings')
    aws.inject({ operation: 'GetLatestConfiguration', fault: 'server-error' })
    aws.inject({ operation: 'StartConfigurationSession', fault: 'server-error' })
    clock.nowMs += 30_000
    expect(await store.get('settings')).toEqual({ limit: 5, region: 'eu' })
    expect(warnings).toEqual(['Refresh failed; serving the value read before'])
    clock.nowMs += 60_000
    const failure = await store.get('settings').catch((error: unknown) => error)
    expect(isParameterError(failure) && failure.code).toBe('PARAMETER_FETCH_FAILED')
    aws.clearFaults()
    expect(await store.get('settings')).toEqual({ limit: 5, region: 'eu' })
  })

  it('refuses a configuration that is not JSON or does not fit the schema, never quoting it', async () => {
    aws.setConfiguration(target, '{"limit": "many", "region": "secret-region-name"}', {
      contentType: 'application/json',
    })
    const store = createParameterStore(
      { settings: appConfig({ ...target, schema: Settings }) },
      { clientConfig: clientConfig(), now: storeNow },
    )
    const failure = await store.getAll().catch((error: unknown) => error)
    expect(isParameterError(failure) && failure.code).toBe('PARAMETER_INVALID')
    expect(String((failure as Error).message)).toMatch(
      /AppConfig configuration orders\/prod\/settings: .*limit/,
    )
    expect(String((failure as Error).message)).not.toContain('secret-region-name')

    aws.setConfiguration({ ...target, profile: 'broken' }, '{"limit": 5,', {
      contentType: 'application/json',
    })
    const broken = createParameterStore(
      { settings: appConfig({ ...target, profile: 'broken' }) },
      { clientConfig: clientConfig(), now: storeNow },
    )
    await expect(broken.getAll()).rejects.toThrow(/orders\/prod\/broken: is not valid JSON/)
  })

  it('names a configuration that does not exist as not found', async () => {
    const store = createParameterStore(
      { settings: appConfig({ ...target, profile: 'missing' }) },
      { clientConfig: clientConfig(), now: storeNow },
    )
    const failure = await store.getAll().catch((error: unknown) => error)
    expect(isParameterError(failure) && failure.failures).toEqual([
      { name: 'orders/prod/missing', source: 'appConfig', reason: 'not-found', detail: 'not found' },
    ])
  })

  it('reads YAML with the parser given, text by format, and refuses YAML without a parser', async () => {
    aws.setConfiguration({ ...target, profile: 'yaml' }, 'limit: 3\nregion: us\n', {
      contentType: 'application/x-yaml',
    })
    const store = createParameterStore(
      {
        yaml: appConfig({ ...target, profile: 'yaml', format: parse, schema: Settings }),
        text: appConfig({ ...target, format: 'text' }),
      },
      { clientConfig: clientConfig(), now: storeNow },
    )
    const all = await store.getAll()
    expect(all.yaml).toEqual({ limit: 3, region: 'us' })
    expect(all.text).toBe('{"limit":5,"region":"eu"}')
    const unparsed = createParameterStore(
      { yaml: appConfig({ ...target, profile: 'yaml' }) },
      { clientConfig: clientConfig(), now: storeNow },
    )
    await expect(unparsed.getAll()).rejects.toThrow(
      /is YAML \(application\/x-yaml\): give appConfig\(\) its parser/,
    )
  })

  it('checks its options at module load', () => {
    const caught = (() => {
      try {
        appConfig({ application: 'orders', environment: '', profile: 'settings' })
      } catch (error) {
        return error
      }
      return undefined
    })()
    expect(isTsumikiError(caught) && caught.code).toBe('INVALID_OPTION')
    expect(String((caught as Error).message)).toMatch(/environment/)
  })
})

describe('appConfig() through the AppConfig Lambda extension', () => {
  it('reads the extension path on every read past maxAgeMs, and names a missing profile', async () => {
    const port = Number(new URL(aws.endpoint).port)
    const store = createParameterStore(
      {
        settings: appConfig({ ...target, schema: Settings }),
        missing: appConfig({ ...target, profile: 'missing' }),
      },
      { appConfigExtension: { port, host: '127.0.0.1' }, now: storeNow, refresh: 'blocking' },
    )
    const failure = await store.getAll().catch((error: unknown) => error)
    expect(isParameterError(failure) && failure.failures.map((f) => f.reason)).toEqual(['not-found'])
    expect(await store.get('settings')).toEqual({ limit: 5, region: 'eu' })
    aws.setConfiguration(target, { limit: 4, region: 'eu' })
    clock.nowMs += 300_000
    expect(await store.get('settings')).toEqual({ limit: 4, region: 'eu' })
    expect(aws.calls('StartConfigurationSession')).toBe(0)
  })
})
