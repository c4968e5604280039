import { type RedactState, registerSensitiveData, registerSensitiveValue } from '@tsumiki/core'
import { describe, expect, it } from 'vitest'
import { compileRedactPaths } from '../../src/config/redact.js'
import { createLogger, defaultRedactPaths } from '../../src/index.js'
import { capture } from '../support/capture.js'

function redactedPaths(paths: readonly string[], path: string): boolean {
  let state: RedactState | undefined = compileRedactPaths(paths)
  for (const key of path.split('.')) {
    state = state?.step(key)
    if (state?.redacts) return true
  }
  return false
}

describe('redaction by key path', () => {
  it('matches exact paths, * for one level and ** for any depth, in any case', () => {
    const paths = ['headers.authorization', '*.password', '**.token', 'cards.*.number']
    expect(redactedPaths(paths, 'headers.authorization')).toBe(true)
    expect(redactedPaths(paths, 'Headers.Authorization')).toBe(true)
    expect(redactedPaths(paths, 'body.headers.authorization')).toBe(false)
    expect(redactedPaths(paths, 'user.password')).toBe(true)
    expect(redactedPaths(paths, 'password')).toBe(false)
    expect(redactedPaths(paths, 'a.user.password')).toBe(false)
    expect(redactedPaths(paths, 'token')).toBe(true)
    expect(redactedPaths(paths, 'a.b.c.token')).toBe(true)
    expect(redactedPaths(paths, 'cards.0.number')).toBe(true)
    expect(redactedPaths(paths, 'cards.0.expiry')).toBe(false)
  })

  it('replaces the values on the line, objects included, and leaves their neighbours', () => {
    const out = capture()
    const log = createLogger({ redact: ['body.card', 'items.*.secretNote'], write: out.write })
    log.info('request', {
      headers: { Authorization: 'Bearer abc', 'X-Api-Key': 'k-1', accept: 'application/json' },
      body: { card: { number: '4242424242424242', cvc: '123' }, amount: 10 },
      items: [{ sku: 'a', secretNote: 'n1' }, { sku: 'b' }],
      user: { name: 'ada', password: 'hunter2' },
    })
    expect(out.lines[0]).toMatchObject({
      headers: { Authorization: '[REDACTED]', 'X-Api-Key': '[REDACTED]', accept: 'application/json' },
      body: { card: '[REDACTED]', amount: 10 },
      items: [{ sku: 'a', secretNote: '[REDACTED]' }, { sku: 'b' }],
      user: { name: 'ada', password: '[REDACTED]' },
    })
  })

  it('redacts the default credential keys wherever they are', () => {
    expect(defaultRedactPaths).toContain('**.authorization')
    const out = capture()
    createLogger({ write: out.write }).info('event', {
      event: {
        headers: { cookie: 'session=1' },
        multiValueHeaders: { Cookie: ['session=1'] },
        password: 'x',
      },
    })
    expect(out.lines[0]).toMatchObject({
      event: {
        headers: { cookie: '[REDACTED]' },
        multiValueHeaders: { Cookie: '[REDACTED]' },
        password: '[REDACTED]',
      },
    })
  })

  it('applies to keys, inside errors and inside maps', () => {
    const out = capture()
    const log = createLogger({
      redact: ['apiKey', 'error.request.token'],
      keys: { apiKey: 'k' },
      write: out.write,
    })
    const error = Object.assign(new Error('upstream said no'), { request: { token: 't-1', url: '/charge' } })
    log.error('charge failed', error, { settings: new Map([['password', 'p']]) })
    expect(out.lines[0]).toMatchObject({
      apiKey: '[REDACTED]',
      error: { message: 'upstream said no', request: { token: '[REDACTED]', url: '/charge' } },
      settings: { password: '[REDACTED]' },
    })
  })
})

describe('redaction of sensitive values', () => {
  it('replaces a registered value inside nested strings, keys, messages and error messages', () => {
    const secret = 'sk_live_9c1Zq7x'
    registerSensitiveValue(secret)
    const out = capture()
    const log = createLogger({ write: out.write })
    const error = new Error(`Stripe rejected key ${secret}`, { cause: new Error(`retry with ${secret}`) })
    log.error(`calling with ${secret}`, error, {
      config: { nested: { deeper: [`Bearer ${secret}`], [secret]: 'as a key' } },
    })
    const line = out.raw[0] as string
    expect(line).not.toContain(secret)
    expect(out.lines[0]).toMatchObject({
      message: 'calling with [REDACTED]',
      error: {
        message: 'Stripe rejected key [REDACTED]',
        stack: expect.stringContaining('Stripe rejected key [REDACTED]'),
        cause: { message: 'retry with [REDACTED]' },
      },
      config: { nested: { deeper: ['Bearer [REDACTED]'], '[REDACTED]': 'as a key' } },
    })
  })

  it('replaces a value registered after the logger and its keys were made', () => {
    const out = capture()
    const secret = 'db-pass-7Hq2Lw'
    const log = createLogger({ keys: { dsn: `postgres://app:${secret}@db` }, write: out.write }).child({
      note: secret,
    })
    log.info('before')
    registerSensitiveValue(secret)
    log.info('after')
    expect(out.lines[0]).toMatchObject({ dsn: `postgres://app:${secret}@db` })
    expect(out.lines[1]).toMatchObject({ dsn: 'postgres://app:[REDACTED]@db', note: '[REDACTED]' })
  })

  it('replaces values with characters JSON escapes, and values with regexp characters', () => {
    const quoted = 'pa"ss\\wo\nrd'
    const pattern = 'a.b*c(d)[e]$'
    registerSensitiveValue(quoted)
    registerSensitiveValue(pattern)
    const out = capture()
    createLogger({ write: out.write }).info('x', {
      one: `<${quoted}>`,
      two: `<${pattern}>`,
      near: 'aXbbc(d)[e]$',
    })
    expect(out.lines[0]).toMatchObject({ one: '<[REDACTED]>', two: '<[REDACTED]>', near: 'aXbbc(d)[e]$' })
  })
})

describe('a JSON secret registered whole', () => {
  // As @tsumiki/parameters registers a parsed JSON secret: the object, and so everything in it.
  const secret = {
    user: 'svc-logger-whole-user',
    pin: 482913,
    admin: true,
    nothing: null,
    backup: { host: 'backup-logger-whole.internal', port: 7431, tls: false },
    codes: ['code-logger-whole-1', 88_442_117],
  }
  registerSensitiveData(secret)
  const texts = [
    'svc-logger-whole-user',
    '482913',
    'backup-logger-whole.internal',
    '7431',
    'code-logger-whole-1',
    '88442117',
  ]

  it('prints the secret, a nested object, an array and each value of it as [REDACTED], numbers and booleans included', () => {
    const out = capture()
    const log = createLogger({ write: out.write })
    log.info('whole', { secret })
    log.info('parts', {
      backup: secret.backup,
      codes: secret.codes,
      pin: secret.pin,
      port: secret.backup.port,
    })
    log.info(`text ${secret.user} and pin ${secret.pin}`, { user: secret.user })
    log.info('as the fields', secret)
    log.info('as a persistent key', { inside: { deeper: [secret.backup] } })
    log.error('as an error field', Object.assign(new Error('failed'), { config: secret }))
    createLogger({ write: out.write, keys: { config: secret } }).info('as a logger key')
    for (const line of out.raw) for (const text of texts) expect(line).not.toContain(text)
    // No value of the secret, `true`, `false` and `null` included, is printed: each place holds [REDACTED].
    expect(out.raw.join('')).not.toMatch(/true|false|null/)
    expect(out.lines[0]).toMatchObject({ secret: '[REDACTED]' })
    expect(out.lines[1]).toMatchObject({
      backup: '[REDACTED]',
      codes: '[REDACTED]',
      pin: '[REDACTED]',
      port: '[REDACTED]',
    })
    expect(out.lines[2]).toMatchObject({ message: 'text [REDACTED] and pin [REDACTED]', user: '[REDACTED]' })
    expect(out.lines[3]).toMatchObject({ fields: '[REDACTED]' })
    expect(out.lines[4]).toMatchObject({ inside: { deeper: ['[REDACTED]'] } })
    expect(out.lines[5]).toMatchObject({ error: { message: 'failed', config: '[REDACTED]' } })
    expect(out.lines[6]).toMatchObject({ config: '[REDACTED]' })
  })

  it('leaves unrelated lines alone: true, false, null, short numbers and equal copies are printed', () => {
    const out = capture()
    createLogger({ write: out.write }).info('unrelated', {
      admin: true,
      tls: false,
      nothing: null,
      retries: 3,
      port: 443,
      sameShape: { admin: true, tls: false },
    })
    expect(out.lines[0]).toMatchObject({
      admin: true,
      tls: false,
      nothing: null,
      retries: 3,
      port: 443,
      sameShape: { admin: true, tls: false },
    })
  })
})
