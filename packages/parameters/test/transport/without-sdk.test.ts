import { isMissingDependencyError } from '@tsumiki/core'
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
