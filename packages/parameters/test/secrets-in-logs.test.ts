import { http, httpErrors, lambda, raw, setLogWriter } from '@tsumiki/core'
import { createLogger, logger } from '@tsumiki/logger'
import { events, invoke } from '@tsumiki/testing'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import * as z from 'zod'
import { parameters, secret, ssm, ssmPath } from '../src/index.js'
import { type Setup, startSetup } from './support/local-aws.js'

// Values no output may ever contain: a JSON secret, its password on its own, and a SecureString.
const password = 'hunter2-correct-horse'
const credentials = JSON.stringify({ user: 'admin', password })
const secureString = 'securestring-battery-staple'
// A JSON secret with a PIN, a flag and a nested object: every value in it is sensitive, numbers and booleans too.
const pin = 482913
const jsonSecret = {
  user: 'svc-orders-reporting',
  pin,
  mfa: true,
  db: { host: 'db-7c1e.cluster.internal', port: 6543, tls: false },
  scopes: ['orders:read', 'orders:write'],
}
const jsonSecretTexts = [
  'svc-orders-reporting',
  String(pin),
  'db-7c1e.cluster.internal',
  '6543',
  'orders:read',
]

let setup: Setup
const output: string[] = []
let restoreLogWriter: () => void = () => {}

beforeAll(async () => {
  setup = await startSetup({
    parameters: {
      '/app/token': { value: secureString, type: 'SecureString' },
      '/app/not-json': { value: `${secureString}-not-json`, type: 'SecureString' },
      '/app/path/json': {
        value: JSON.stringify({ token: 'path-token-5d2c', pin: 90_417_233 }),
        type: 'SecureString',
      },
    },
    secrets: {
      'app/credentials': credentials,
      'app/plain': `plain-${password}`,
      'app/json': JSON.stringify(jsonSecret),
    },
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

describe('a JSON secret is sensitive as a whole', () => {
  const Secret = z.object({
    user: z.string(),
    pin: z.number(),
    mfa: z.boolean(),
    db: z.object({ host: z.string(), port: z.number(), tls: z.boolean() }),
    scopes: z.array(z.string()),
  })

  it('logging it, a nested object, an array or one value prints none of its values, numbers and booleans included', async () => {
    const lines: string[] = []
    output.length = 0
    const handler = lambda(raw<unknown, unknown>())
      .use(logger({ service: 'test', write: (line) => lines.push(line) }))
      .use(
        parameters(
          {
            checked: secret('app/json', { schema: Secret }),
            parsed: secret('app/json', { format: 'json' }),
            path: ssmPath('/app/path/', { format: 'json' }),
          },
          { clientConfig: setup.clientConfig },
        ),
      )
      .handle(({ params, log }) => {
        const parsed = params.parsed as typeof jsonSecret
        log.info('whole', { checked: params.checked, parsed })
        log.info('parts', {
          db: params.checked.db,
          scopes: params.checked.scopes,
          pathValue: params.path.json,
        })
        log.info(`pin ${params.checked.pin} for ${params.checked.user}`, {
          pin: params.checked.pin,
          port: parsed.db.port,
          user: params.checked.user,
        })
        throw Object.assign(new Error('connect failed'), { config: params.checked })
      })
    await expect(invoke(handler, {})).rejects.toThrow(/connect failed/)
    const text = lines.join('')
    for (const value of [...jsonSecretTexts, 'path-token-5d2c', '90417233']) {
      expect(text).not.toContain(value)
      expect(output.join('')).not.toContain(value)
    }
    const [whole, parts, values, failure] = lines.map((line) => JSON.parse(line) as Record<string, unknown>)
    expect(whole).toMatchObject({ checked: '[REDACTED]', parsed: '[REDACTED]' })
    expect(parts).toMatchObject({ db: '[REDACTED]', scopes: '[REDACTED]', pathValue: '[REDACTED]' })
    expect(values).toMatchObject({
      message: 'pin [REDACTED] for [REDACTED]',
      pin: '[REDACTED]',
      port: '[REDACTED]',
      user: '[REDACTED]',
    })
    expect(failure).toMatchObject({ error: { message: 'connect failed', config: '[REDACTED]' } })
    // The secret's booleans are in no line (the logger's own cold_start aside): each place holds [REDACTED] instead.
    const logged = JSON.stringify([whole, parts, values]).replace(/"cold_start":(true|false)/g, '')
    expect(logged).not.toMatch(/true|false/)
  })
})

describe('a secret never reaches an answer or the runtime', () => {
  it('is redacted in the HTTP answer of an HttpError, 4xx included, message and details', async () => {
    const handler = lambda(http())
      .use(
        parameters(
          { key: secret('app/plain'), json: secret('app/json', { format: 'json' }) },
          { clientConfig: setup.clientConfig },
        ),
      )
      .handle(({ params }) => {
        throw httpErrors.forbidden(`key ${params.key} refused`, {
          details: { tried: params.key, secret: params.json },
        })
      })
    const response = await invoke(handler, events.http('apiGatewayV2'))
    expect(response.statusCode).toBe(403)
    expect(JSON.parse(response.body ?? '')).toEqual({
      error: {
        type: 'forbidden',
        message: 'key [REDACTED] refused',
        details: { tried: '[REDACTED]', secret: '[REDACTED]' },
      },
    })
    expect(response.body).not.toContain(password)
  })

  it('is not in the error a failed invocation hands the runtime: message, stack, cause and errors', async () => {
    const handler = lambda(raw<unknown, unknown>())
      .use(
        parameters(
          { key: secret('app/plain'), json: secret('app/json', { format: 'json' }) },
          { clientConfig: setup.clientConfig },
        ),
      )
      .handle(({ params }) => {
        const json = params.json as typeof jsonSecret
        throw new Error(`refused ${params.key}`, {
          cause: new AggregateError([new Error(`pin ${json.pin}`)], `for ${json.user}`),
        })
      })
    const failure = (await invoke(handler, {}).catch((error: unknown) => error)) as Error
    expect(failure.message).toBe('refused [REDACTED]')
    const cause = failure.cause as AggregateError
    const everything = [
      failure.message,
      failure.stack,
      cause.message,
      cause.stack,
      ...cause.errors.map((e: Error) => `${e.message} ${e.stack}`),
    ].join('\n')
    for (const value of [password, ...jsonSecretTexts]) expect(everything).not.toContain(value)
  })
})
