import { afterEach, describe, expect, it } from 'vitest'
import {
  HttpError,
  http,
  httpErrors,
  isHttpError,
  lambda,
  raw,
  redactedJson,
  registerSensitiveData,
  registerSensitiveValue,
  setLogWriter,
  TsumikiError,
  writeLogLine,
} from '../../src/index.js'
import { withoutSensitiveValues } from '../../src/sensitive/without-sensitive-values.js'
import { apiGatewayV2Event, context, readResponse } from '../support/index.js'

// Values of this file only: the registry is process-wide.
const apiKey = 'sk-sensitive-data-test-7f3a9c'
// A JSON secret as @tsumiki/parameters hands it over once parsed: strings, a PIN, a flag, a nested object, a list.
const credentials = {
  user: 'svc-sensitive-data-user',
  pin: 482913,
  admin: true,
  backup: { host: 'backup-sensitive-data.internal', port: 6437 },
  codes: ['code-sensitive-data-1', 77_553_311],
}
registerSensitiveValue(apiKey)
registerSensitiveData(credentials)

const everySecretText = [
  apiKey,
  credentials.user,
  '482913',
  credentials.backup.host,
  '6437',
  'code-sensitive-data-1',
  '77553311',
]

function expectNoSecretIn(text: string): void {
  for (const secret of everySecretText) expect(text).not.toContain(secret)
}

const restorers: (() => void)[] = []
afterEach(() => {
  for (const restore of restorers.splice(0).reverse()) restore()
})

function capture(): string[] {
  const lines: string[] = []
  restorers.push(setLogWriter((line) => lines.push(line)))
  return lines
}

async function answer(error: unknown) {
  const handler = lambda(http()).handle(() => {
    throw error
  })
  return readResponse(await handler(apiGatewayV2Event(), context()))
}

describe('a registered secret is out of every answer body tsumiki writes', () => {
  it.each([400, 401, 404, 409, 422, 429, 500, 503])('in an HttpError %i message', async (status) => {
    capture()
    const response = await answer(new HttpError(status, `key ${apiKey} refused for ${credentials.user}`))
    expect(response.status).toBe(status)
    expect(response.json()).toMatchObject({
      error: { message: 'key [REDACTED] refused for [REDACTED]' },
    })
    expectNoSecretIn(response.body)
  })

  it('in details: text, a number registered as a value, a part of a JSON secret, the secret itself', async () => {
    const response = await answer(
      httpErrors.unprocessableEntity('Bad credentials', {
        details: {
          tried: `${apiKey}!`,
          pin: credentials.pin,
          backup: credentials.backup,
          whole: credentials,
          [`key-${apiKey}`]: 'a key named by the secret',
        },
      }),
    )
    expect(response.status).toBe(422)
    expect(response.json()).toEqual({
      error: {
        type: 'unprocessable_entity',
        message: 'Bad credentials',
        details: {
          tried: '[REDACTED]!',
          pin: '[REDACTED]',
          backup: '[REDACTED]',
          whole: '[REDACTED]',
          'key-[REDACTED]': 'a key named by the secret',
        },
      },
    })
    expectNoSecretIn(response.body)
  })

  it("in a subclass's own body fields", async () => {
    class ValidationFailed extends HttpError {
      override toResponseBody() {
        return { error: { ...super.toResponseBody().error, issues: [{ input: credentials.codes }] } }
      }
    }
    const response = await answer(new ValidationFailed(422, 'Invalid'))
    expect(response.json()).toEqual({
      error: { type: 'unprocessable_entity', message: 'Invalid', issues: [{ input: '[REDACTED]' }] },
    })
  })

  it('leaves answers without a secret as they were, numbers and booleans included', async () => {
    const response = await answer(httpErrors.conflict('Taken', { details: { pin: 1234, admin: true } }))
    expect(response.body).toBe(
      '{"error":{"type":"conflict","message":"Taken","details":{"pin":1234,"admin":true}}}',
    )
  })
})

describe('a JSON secret is sensitive as a whole in the lines core writes', () => {
  it('prints the secret, a nested object, an array and each value of it as [REDACTED], booleans included', () => {
    const lines = capture()
    writeLogLine('INFO', 'parts', {
      whole: credentials,
      backup: credentials.backup,
      codes: credentials.codes,
      pin: credentials.pin,
      port: credentials.backup.port,
      user: credentials.user,
    })
    const line = JSON.parse(lines[0] ?? '') as Record<string, unknown>
    expect(line).toMatchObject({
      whole: '[REDACTED]',
      backup: '[REDACTED]',
      codes: '[REDACTED]',
      pin: '[REDACTED]',
      port: '[REDACTED]',
      user: '[REDACTED]',
    })
    expectNoSecretIn(lines.join(''))
  })

  it('keeps unrelated values: `true`, short numbers and other objects are printed as they are', () => {
    const lines = capture()
    writeLogLine('INFO', 'unrelated', { admin: true, count: 1, port: 443, copy: { admin: true } })
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({
      admin: true,
      count: 1,
      port: 443,
      copy: { admin: true },
    })
  })

  it('redactedJson() writes the same way, and stays valid JSON', () => {
    const json = redactedJson({ message: `with ${apiKey}`, credentials, list: [credentials.pin, 5] })
    expect(JSON.parse(json ?? '')).toEqual({
      message: 'with [REDACTED]',
      credentials: '[REDACTED]',
      list: ['[REDACTED]', 5],
    })
  })
})

describe('a failed invocation hands the runtime no registered secret', () => {
  /** What aws-lambda-ric prints: `JSON.stringify` of the error with its enumerable fields, and its stack. */
  function asTheRuntimePrintsIt(error: unknown): string {
    const fields = (value: unknown): unknown =>
      value instanceof Error
        ? {
            errorType: value.name,
            errorMessage: value.message,
            ...value,
            stack: value.stack?.split('\n'),
          }
        : value
    return JSON.stringify(error, (_key, value: unknown) => fields(value))
  }

  /** Everything a printer could reach: message, stack and fields down the cause chain and an AggregateError's errors. */
  function everythingIn(error: unknown, depth = 0): string {
    if (!(error instanceof Error) || depth > 10) return String(error)
    const errors = (error as { errors?: unknown }).errors
    return [
      error.name,
      error.message,
      error.stack,
      asTheRuntimePrintsIt(error),
      everythingIn(error.cause, depth + 1),
      ...(Array.isArray(errors) ? errors.map((inner) => everythingIn(inner, depth + 1)) : []),
    ].join('\n')
  }

  it("the handler's own error: message, stack, fields, cause chain and AggregateError", async () => {
    const root = new Error(`socket to ${credentials.backup.host} closed`)
    const thrown = new TsumikiError('REFUSED', `refused ${apiKey}`, {
      cause: new AggregateError(
        [new Error(`pin ${credentials.pin} wrong`), new TypeError(credentials.user)],
        `2 attempts with ${apiKey}`,
        { cause: root },
      ),
    })
    Object.assign(thrown, { attempt: { key: apiKey, pin: credentials.pin }, secret: credentials })
    const handler = lambda(raw()).handle(() => {
      throw thrown
    })
    const failure = await handler({}, context()).then(
      () => undefined,
      (error: unknown) => error,
    )
    expect(failure).toBeInstanceOf(TsumikiError)
    expect(failure).toMatchObject({ code: 'REFUSED', message: 'refused [REDACTED]' })
    expectNoSecretIn(everythingIn(failure))
    expect(everythingIn(failure)).toContain('socket to [REDACTED] closed')
    expect((failure as Error).stack).toMatch(/^TsumikiError: refused \[REDACTED\]\n {4}at /)
    // The error the handler threw is its own: unchanged.
    expect(thrown.message).toBe(`refused ${apiKey}`)
    expect(root.message).toContain(credentials.backup.host)
  })

  it('an HttpError that failed another source stays an HttpError', async () => {
    const handler = lambda(raw()).handle(() => {
      throw httpErrors.forbidden(`no access with ${apiKey}`, { details: { pin: credentials.pin } })
    })
    const failure = await handler({}, context()).catch((error: unknown) => error)
    expect(isHttpError(failure)).toBe(true)
    expect(failure).toMatchObject({
      status: 403,
      message: 'no access with [REDACTED]',
      details: { pin: '[REDACTED]' },
    })
    expectNoSecretIn(everythingIn(failure))
  })

  it('a thrown string, a frozen error and an error whose cause is itself', async () => {
    const frozen = Object.freeze(new Error(`frozen ${apiKey}`))
    const looped = new Error(`looped ${apiKey}`)
    Object.defineProperty(looped, 'cause', { value: looped })
    for (const thrown of [`text ${apiKey}`, frozen, looped]) {
      const handler = lambda(raw()).handle(() => {
        throw thrown
      })
      const failure = await handler({}, context()).catch((error: unknown) => error)
      expectNoSecretIn(typeof failure === 'string' ? failure : everythingIn(failure))
    }
  })

  it('an error without a secret is handed over as it was thrown, the same object', async () => {
    const thrown = new Error('nothing to hide', { cause: new Error('nor here') })
    const handler = lambda(raw()).handle(() => {
      throw thrown
    })
    await expect(handler({}, context())).rejects.toBe(thrown)
    expect(withoutSensitiveValues(thrown)).toBe(thrown)
  })
})
