import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { GetParametersCommand, SSMClient } from '@aws-sdk/client-ssm'
import { isTsumikiError } from '@tsumiki/core'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import * as z from 'zod'
import { createParameterStore, parameters, secret, ssm, ssmPath } from '../../src/index.js'
import { type Setup, startSetup } from '../support/local-aws.js'

let setup: Setup

beforeAll(async () => {
  setup = await startSetup({
    parameters: {
      '/svc/table': 'table-1',
      '/svc/limit': '7',
      '/svc/flags': { value: 'a,b', type: 'StringList' },
    },
    secrets: { 'svc/key': 'svc-key-value' },
  })
})

afterAll(async () => {
  await setup.aws.stop()
})

beforeEach(() => {
  setup.aws.resetCalls()
  setup.aws.clearFaults()
})

describe('createParameterStore()', () => {
  it('get() reads one value, getAll() the rest, both from memory while fresh', async () => {
    const store = createParameterStore(
      {
        table: ssm('/svc/table'),
        limit: ssm('/svc/limit', { schema: z.coerce.number() }),
        key: secret('svc/key'),
      },
      { clientConfig: setup.clientConfig, now: setup.clock.now },
    )
    expect(await store.get('limit')).toBe(7)
    expect(setup.aws.calls()).toBe(1)
    const all = await store.getAll()
    expect({ ...all }).toEqual({ table: 'table-1', limit: 7, key: 'svc-key-value' })
    expect(setup.aws.calls()).toBe(3)
    await store.get('table')
    await store.getAll()
    expect(setup.aws.calls()).toBe(3)
  })

  it('coalesces concurrent first reads of the same values into one call each', async () => {
    const store = createParameterStore(
      { table: ssm('/svc/table'), key: secret('svc/key') },
      { clientConfig: setup.clientConfig, now: setup.clock.now },
    )
    setup.aws.inject({ latencyMs: 20 })
    await Promise.all([
      ...Array.from({ length: 20 }, () => store.getAll()),
      store.get('table'),
      store.get('key'),
    ])
    expect(setup.aws.calls('GetParameters')).toBe(1)
    expect(setup.aws.calls('GetSecretValue')).toBe(1)
  })

  it('refresh() reads afresh even when fresh, and later reads see the new value', async () => {
    const store = createParameterStore(
      { table: ssm('/svc/table') },
      { clientConfig: setup.clientConfig, now: setup.clock.now },
    )
    expect(await store.get('table')).toBe('table-1')
    setup.aws.setParameter('/svc/table', 'table-2')
    expect(await store.get('table')).toBe('table-1')
    expect(await store.refresh('table')).toBe('table-2')
    expect(await store.get('table')).toBe('table-2')
    setup.aws.setParameter('/svc/table', 'table-1')
  })

  it('a reader whose signal aborts stops waiting; the read goes on for the others and nothing failed is kept', async () => {
    const store = createParameterStore(
      { table: ssm('/svc/table') },
      { clientConfig: setup.clientConfig, now: setup.clock.now },
    )
    setup.aws.inject({ latencyMs: 50 })
    const controller = new AbortController()
    const aborted = store.get('table', { signal: controller.signal })
    const patient = store.get('table')
    const reason = new Error('deadline')
    controller.abort(reason)
    await expect(aborted).rejects.toBe(reason)
    await expect(patient).resolves.toBe('table-1')
    expect(setup.aws.calls('GetParameters')).toBe(1)
  })

  it('aborts the SDK call when its only reader aborts, and the next read fetches again', async () => {
    const store = createParameterStore(
      { table: ssm('/svc/table') },
      { clientConfig: setup.clientConfig, now: setup.clock.now },
    )
    setup.aws.inject({ latencyMs: 50 })
    const controller = new AbortController()
    const read = store.get('table', { signal: controller.signal })
    controller.abort(new Error('deadline'))
    await expect(read).rejects.toThrow('deadline')
    await expect(store.get('table')).resolves.toBe('table-1')
  })

  it('reads a parameter named by its ARN, keyed by the ARN it was asked by', async () => {
    const arn = 'arn:aws:ssm:us-east-1:123456789012:parameter/svc/table'
    const store = createParameterStore(
      { table: ssm(arn), limit: ssm('/svc/limit') },
      { clientConfig: setup.clientConfig },
    )
    expect({ ...(await store.getAll()) }).toEqual({ table: 'table-1', limit: '7' })
    expect(setup.aws.calls('GetParameters')).toBe(1)
  })

  it('uses a client you give it, and leaves it yours', async () => {
    const sent: string[] = []
    const client = new SSMClient(setup.clientConfig)
    client.middlewareStack.add(
      (next, context) => (args) => {
        sent.push(String(context.commandName))
        return next(args)
      },
      { step: 'initialize' },
    )
    const store = createParameterStore({ table: ssm('/svc/table') }, { ssmClient: client })
    expect(await store.get('table')).toBe('table-1')
    expect(sent).toEqual(['GetParametersCommand'])
    // Still open after the store used it: the store never destroys a client it did not make.
    const again = await client.send(new GetParametersCommand({ Names: ['/svc/table'] }))
    expect(again.Parameters?.map((parameter) => parameter.Value)).toEqual(['table-1'])
    client.destroy()
  })
})

describe('through the Parameters and Secrets Lambda Extension', () => {
  it('asks the local extension endpoint with the session token, one name per request', async () => {
    const seen: { url: string; token: string | undefined }[] = []
    const values: Record<string, unknown> = {
      '/systemsmanager/parameters/get?name=%2Fsvc%2Ftable&withDecryption=true': {
        Parameter: { Name: '/svc/table', Value: 'from-extension', Type: 'String' },
      },
      '/secretsmanager/get?secretId=svc%2Fkey': { Name: 'svc/key', SecretString: 'extension-secret' },
    }
    // A stand-in for the extension (it only runs inside Lambda): answers like it, 400 for an unknown name.
    const extension = createServer((request, response) => {
      seen.push({
        url: request.url ?? '',
        token: request.headers['x-aws-parameters-secrets-token'] as string,
      })
      const answer = values[request.url ?? '']
      response.writeHead(answer === undefined ? 400 : 200, { 'content-type': 'application/json' })
      response.end(answer === undefined ? 'ParameterNotFound: not found' : JSON.stringify(answer))
    })
    await new Promise<void>((resolve) => extension.listen(0, '127.0.0.1', resolve))
    const port = (extension.address() as AddressInfo).port
    try {
      const store = createParameterStore(
        { table: ssm('/svc/table'), key: secret('svc/key') },
        { lambdaExtension: { port, host: '127.0.0.1', token: 'session-token' } },
      )
      expect({ ...(await store.getAll()) }).toEqual({ table: 'from-extension', key: 'extension-secret' })
      expect(seen.every((request) => request.token === 'session-token')).toBe(true)
      expect(seen).toHaveLength(2)
      const missing = createParameterStore(
        { gone: ssm('/svc/gone') },
        { lambdaExtension: { port, host: '127.0.0.1' } },
      )
      await expect(missing.getAll()).rejects.toMatchObject({ code: 'PARAMETER_NOT_FOUND' })
    } finally {
      extension.closeAllConnections()
      await new Promise((resolve) => extension.close(resolve))
    }
  })
})

describe('bad options are an InvalidOptionError at module load', () => {
  const cases: [string, () => unknown][] = [
    ['an unknown store option', () => parameters({ a: ssm('/a') }, { maxAge: 5 } as never)],
    ['a negative maxAgeMs', () => parameters({ a: ssm('/a') }, { maxAgeMs: -1 })],
    ['an unknown refresh mode', () => parameters({ a: ssm('/a') }, { refresh: 'lazy' as never })],
    ['a key named refresh', () => parameters({ refresh: ssm('/a') })],
    ['a definition not made by ssm()', () => parameters({ a: '/a' as never })],
    ['a path through the extension', () => parameters({ a: ssmPath('/a') }, { lambdaExtension: true })],
    ['a client without send()', () => parameters({ a: ssm('/a') }, { ssmClient: {} as never })],
    ['an empty name', () => ssm('')],
    ['an unknown ssm() option', () => ssm('/a', { decrpyt: false } as never)],
    ['an unknown format', () => ssm('/a', { format: 'yaml' as never })],
    ['a schema that is not one', () => secret('a', { schema: {} as never })],
    ['a path without a leading slash', () => ssmPath('a/')],
  ]
  it.each(cases)('%s', (_, make) => {
    let thrown: unknown
    try {
      make()
    } catch (error) {
      thrown = error
    }
    expect(isTsumikiError(thrown)).toBe(true)
    expect(thrown).toMatchObject({ code: 'INVALID_OPTION' })
  })
})
