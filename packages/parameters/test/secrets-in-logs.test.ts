import { lambda, raw, setLogWriter } from '@tsumiki/core'
import { createLogger, logger } from '@tsumiki/logger'
import { invoke } from '@tsumiki/testing'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import * as z from 'zod'
import { parameters, secret, ssm } from '../src/index.js'
import { type Setup, startSetup } from './support/local-aws.js'

// Values no output may ever contain: a JSON secret, its password on its own, and a SecureString.
const password = 'hunter2-correct-horse'
const credentials = JSON.stringify({ user: 'admin', password })
const secureString = 'securestring-battery-staple'

let setup: Setup
const output: string[] = []
let restoreLogWriter: () => void = () => {}

beforeAll(async () => {
  setup = await startSetup({
    parameters: {
      '/app/token': { value: secureString, type: 'SecureString' },
      '/app/not-json': { value: `${secureString}-not-json`, type: 'SecureString' },
    },
    secrets: { 'app/credentials': credentials, 'app/plain': `plain-${password}` },
  })
  // Every line tsumiki writes without a logger, and everything else written to stdout and stderr, lands here.
  restoreLogWriter = setLogWriter((line) => {
    output.push(line)
  })
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream)
    vi.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array, ...rest: unknown[]) => {
      output.push(String(chunk))
      return (write as (chunk: string | Uint8Array, ...rest: unknown[]) => boolean)(chunk, ...rest)
    })
  }
})

afterAll(async () => {
  restoreLogWriter()
  vi.restoreAllMocks()
  await setup.aws.stop()
})

function expectNoSecretIn(lines: readonly string[]): void {
  const text = lines.join('\n')
  for (const value of [password, credentials, secureString]) expect(text).not.toContain(value)
}

describe('secret values never reach a log line', () => {
  it('not when the handler logs them, in fields or inside a message, nor when it throws them', async () => {
    const lines: string[] = []
    const handler = lambda(raw<unknown, unknown>())
      .use(logger({ service: 'test', write: (line) => lines.push(line) }))
      .use(
        parameters(
          {
            credentials: secret('app/credentials', {
              schema: z.object({ user: z.string(), password: z.string() }),
            }),
            token: ssm('/app/token'),
          },
          { clientConfig: setup.clientConfig },
        ),
      )
      .handle(({ params, log }) => {
        log.info(`connecting with ${params.credentials.password}`, {
          dsn: `postgres://admin:${params.credentials.password}@db`,
          token: params.token,
        })
        throw new Error(`login failed with ${params.credentials.password} / ${params.token}`)
      })
    await expect(invoke(handler, {})).rejects.toThrow(/login failed/)
    expect(lines.length).toBeGreaterThanOrEqual(2)
    expect(lines.join('')).toContain('[REDACTED]')
    expectNoSecretIn(lines)
    expectNoSecretIn(output)
  })

  it('not in the error of a value that fails its schema or is not JSON, logged whole', async () => {
    const lines: string[] = []
    const log = createLogger({ service: 'test', write: (line) => lines.push(line) })
    const handler = lambda(raw<unknown, unknown>())
      .use(
        parameters(
          {
            // A schema whose message quotes what it was given.
            credentials: secret('app/credentials', {
              schema: z
                .string()
                .refine((text) => text.length < 5, { error: (issue) => `bad: ${String(issue.input)}` }),
              format: 'text',
            }),
            token: ssm('/app/not-json', { format: 'json' }),
          },
          { clientConfig: setup.clientConfig },
        ),
      )
      .handle(() => 'unreachable')
    const error = await invoke(handler, {}).catch((caught: unknown) => caught)
    log.error('init failed', error)
    const cause = (error as Error).cause as Error
    expect(cause.message).toContain('secret app/credentials: does not match its schema (bad: [redacted])')
    expect(cause.message).toContain('SSM parameter /app/not-json: is not valid JSON')
    expectNoSecretIn([cause.message, String(cause.stack), JSON.stringify(cause)])
    expectNoSecretIn(lines)
    expectNoSecretIn(output)
  })

  it('not in the warning of a refresh that failed', async () => {
    const clock = { nowMs: 0 }
    const handler = lambda(raw<unknown, unknown>())
      .use(
        parameters(
          { plain: secret('app/plain') },
          {
            clientConfig: setup.clientConfig,
            now: () => clock.nowMs,
            staleIfErrorMs: 60_000,
            refresh: 'blocking',
          },
        ),
      )
      .handle(({ params }) => params.plain.length)
    await invoke(handler, {})
    setup.aws.inject({ operation: 'GetSecretValue', fault: 'server-error', times: 1 })
    clock.nowMs += 300_000
    output.length = 0
    await expect(invoke(handler, {})).resolves.toBe(`plain-${password}`.length)
    expect(output.join('')).toContain('Refresh failed; serving the value read before')
    expectNoSecretIn(output)
  })
})
