import {
  AppConfigDataClient,
  BadRequestException,
  GetLatestConfigurationCommand,
  ResourceNotFoundException,
  StartConfigurationSessionCommand,
} from '@aws-sdk/client-appconfigdata'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { type LocalAws, startLocalAws } from '../../../src/index.js'

vi.setConfig({ testTimeout: 30_000, hookTimeout: 30_000 })

const target = { application: 'orders', environment: 'prod', profile: 'settings' }
let clockMs = Date.UTC(2026, 11, 1)
let aws: LocalAws
let client: AppConfigDataClient

beforeAll(async () => {
  aws = await startLocalAws({
    configurations: [{ ...target, content: { limit: 5 } }],
    now: () => clockMs,
  })
  client = new AppConfigDataClient({
    endpoint: aws.endpoint,
    region: aws.region,
    credentials: aws.credentials,
    maxAttempts: 1,
  })
})

afterAll(async () => {
  client.destroy()
  await aws.stop()
})

async function start(interval?: number): Promise<string> {
  const session = await client.send(
    new StartConfigurationSessionCommand({
      ApplicationIdentifier: target.application,
      EnvironmentIdentifier: target.environment,
      ConfigurationProfileIdentifier: target.profile,
      ...(interval === undefined ? {} : { RequiredMinimumPollIntervalInSeconds: interval }),
    }),
  )
  return session.InitialConfigurationToken as string
}

const text = (bytes: Uint8Array | undefined) => Buffer.from(bytes ?? new Uint8Array()).toString('utf8')

describe('AppConfig Data through the real client', () => {
  it('answers the configuration, then an empty body while it is unchanged, then the new version', async () => {
    const first = await client.send(
      new GetLatestConfigurationCommand({ ConfigurationToken: await start(15) }),
    )
    expect(text(first.Configuration)).toBe('{"limit":5}')
    expect(first.ContentType).toBe('application/json')
    expect(first.NextPollIntervalInSeconds).toBe(15)
    clockMs += 15_000
    const second = await client.send(
      new GetLatestConfigurationCommand({ ConfigurationToken: first.NextPollConfigurationToken }),
    )
    expect(text(second.Configuration)).toBe('')
    aws.setConfiguration(target, { limit: 7 })
    clockMs += 15_000
    const third = await client.send(
      new GetLatestConfigurationCommand({ ConfigurationToken: second.NextPollConfigurationToken }),
    )
    expect(text(third.Configuration)).toBe('{"limit":7}')
    expect(aws.calls('StartConfigurationSession')).toBe(1)
    expect(aws.calls('GetLatestConfiguration')).toBe(3)
  })

  it('refuses a poll before the interval, a token used twice and one older than 24 hours', async () => {
    const token = await start()
    const first = await client.send(new GetLatestConfigurationCommand({ ConfigurationToken: token }))
    await expect(
      client.send(
        new GetLatestConfigurationCommand({ ConfigurationToken: first.NextPollConfigurationToken }),
      ),
    ).rejects.toThrow(/Request too early/)
    await expect(
      client.send(new GetLatestConfigurationCommand({ ConfigurationToken: token })),
    ).rejects.toThrow(BadRequestException)
    const old = await start()
    clockMs += 24 * 60 * 60 * 1000
    await expect(client.send(new GetLatestConfigurationCommand({ ConfigurationToken: old }))).rejects.toThrow(
      /expired/,
    )
  })

  it('refuses an unknown profile and a poll interval out of range', async () => {
    await expect(
      client.send(
        new StartConfigurationSessionCommand({
          ApplicationIdentifier: 'orders',
          EnvironmentIdentifier: 'prod',
          ConfigurationProfileIdentifier: 'nope',
        }),
      ),
    ).rejects.toThrow(ResourceNotFoundException)
    await expect(start(5)).rejects.toThrow(BadRequestException)
  })

  it('injects faults into AppConfig operations', async () => {
    aws.inject({ operation: 'StartConfigurationSession', fault: 'server-error', times: 1 })
    await expect(start()).rejects.toThrow(/injected/)
    await expect(start()).resolves.toEqual(expect.any(String))
  })

  it('serves the agent path with the configuration as it is', async () => {
    aws.setConfiguration({ ...target, profile: 'yaml' }, 'limit: 3\n', { contentType: 'application/x-yaml' })
    const answer = await fetch(`${aws.endpoint}/applications/orders/environments/prod/configurations/yaml`)
    expect(answer.status).toBe(200)
    expect(answer.headers.get('content-type')).toBe('application/x-yaml')
    expect(await answer.text()).toBe('limit: 3\n')
    const missing = await fetch(`${aws.endpoint}/applications/orders/environments/prod/configurations/none`)
    expect(missing.status).toBe(404)
  })
})
