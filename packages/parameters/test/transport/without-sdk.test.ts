import { isMissingDependencyError } from '@tsumiki/core'
import { startLocalAws } from '@tsumiki/testing'
import { expect, it, vi } from 'vitest'
import { appConfig, createParameterStore, isParameterError, secret, ssm } from '../../src/index.js'

// As if the optional peer dependencies were not installed.
vi.mock('@aws-sdk/client-ssm', () => {
  throw new Error("Cannot find package '@aws-sdk/client-ssm'")
})
vi.mock('@aws-sdk/client-secrets-manager', () => {
  throw new Error("Cannot find package '@aws-sdk/client-secrets-manager'")
})
vi.mock('@aws-sdk/client-appconfigdata', () => {
  throw new Error("Cannot find package '@aws-sdk/client-appconfigdata'")
})
vi.mock('yaml', () => {
  throw new Error("Cannot find package 'yaml'")
})

it.each([
  ['@aws-sdk/client-ssm', ssm('/orders/table')],
  ['@aws-sdk/client-secrets-manager', secret('orders/api-key')],
  [
    '@aws-sdk/client-appconfigdata',
    appConfig({ application: 'orders', environment: 'prod', profile: 'flags' }),
  ],
])('without %s, a read fails with a MissingDependencyError naming the package', async (name, definition) => {
  const store = createParameterStore({ value: definition })
  const failure = await store.getAll().then(
    () => undefined,
    (error: unknown) => error,
  )
  expect(isParameterError(failure)).toBe(true)
  const cause = (failure as Error).cause
  expect(isMissingDependencyError(cause)).toBe(true)
  expect(cause).toMatchObject({ code: 'MISSING_DEPENDENCY', packageName: name })
  expect((cause as Error).message).toContain(`install it (npm install ${name})`)
})

it('without yaml, a YAML configuration fails with a MissingDependencyError; JSON reads on', async () => {
  const target = { application: 'orders', environment: 'prod' }
  const aws = await startLocalAws({
    configurations: [
      { ...target, profile: 'yaml', content: 'limit: 3\n', contentType: 'application/x-yaml' },
      { ...target, profile: 'json', content: { limit: 3 } },
    ],
  })
  try {
    const port = Number(new URL(aws.endpoint).port)
    const store = createParameterStore(
      { yaml: appConfig({ ...target, profile: 'yaml' }), json: appConfig({ ...target, profile: 'json' }) },
      { appConfigExtension: { port, host: '127.0.0.1' } },
    )
    const failure = await store.getAll().catch((error: unknown) => error)
    expect(isParameterError(failure) && failure.failures.map((f) => f.name)).toEqual(['orders/prod/yaml'])
    expect((failure as Error).cause).toMatchObject({ code: 'MISSING_DEPENDENCY', packageName: 'yaml' })
    expect(await store.get('json')).toEqual({ limit: 3 })
  } finally {
    await aws.stop()
  }
})
