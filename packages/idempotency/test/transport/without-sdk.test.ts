import { http, isMissingDependencyError, lambda } from '@tsumiki/core'
import { captureLogs, events, invoke } from '@tsumiki/testing'
import { expect, it, vi } from 'vitest'
import { idempotent } from '../../src/index.js'

// As if the optional peer dependency were not installed.
vi.mock('@aws-sdk/client-dynamodb', () => {
  throw new Error("Cannot find package '@aws-sdk/client-dynamodb'")
})

it('without @aws-sdk/client-dynamodb, the DynamoDB store fails its init with a MissingDependencyError', async () => {
  const middleware = idempotent({ table: 'idempotency', expiresAfterMs: 60_000 })
  const failure = await Promise.resolve(middleware.init?.()).then(
    () => undefined,
    (error: unknown) => error,
  )
  expect(isMissingDependencyError(failure)).toBe(true)
  expect(failure).toMatchObject({ code: 'MISSING_DEPENDENCY', packageName: '@aws-sdk/client-dynamodb' })
  expect((failure as Error).message).toBe(
    'The DynamoDB idempotency store needs @aws-sdk/client-dynamodb, which could not be loaded: install it (npm install @aws-sdk/client-dynamodb)',
  )

  // In a chain the invocation fails with it, as the cause of the init's failure, and nothing runs.
  let runs = 0
  const handler = lambda(http())
    .use(middleware)
    .handle(() => ++runs)
  const logs = captureLogs()
  try {
    const response = await invoke(
      handler,
      events.http('apiGatewayV2', { headers: { 'Idempotency-Key': 'k' } }),
    )
    expect(response.statusCode).toBe(500)
  } finally {
    logs.stop()
  }
  const logged = logs.lines[0]?.error as { readonly name?: unknown; readonly cause?: unknown } | undefined
  expect(logged?.name).toBe('InitError')
  expect(JSON.stringify(logged?.cause)).toContain('MissingDependencyError')
  expect(runs).toBe(0)
})
