import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager'
import { SSMClient } from '@aws-sdk/client-ssm'
import { http, lambda, raw } from '@tsumiki/core'
import { describe, expectTypeOf, it } from 'vitest'
import * as z from 'zod'
import { createParameterStore, parameters, secret, ssm, ssmPath } from '../../src/index.js'

const Limits = z.object({ maxItems: z.number(), currency: z.enum(['JPY', 'USD']) })
type Limits = z.output<typeof Limits>

const orderParameters = parameters({
  table: ssm('/orders/table'),
  limits: ssm('/orders/limits', { schema: Limits }),
  regions: ssm('/orders/regions', { format: 'list' }),
  raw: ssm('/orders/raw', { format: 'json' }),
  apiKey: secret('orders/api-key'),
  credentials: secret('orders/db', { schema: z.object({ password: z.string() }) }),
  all: ssmPath('/orders/'),
  ports: ssmPath('/ports/', { schema: z.coerce.number() }),
})

describe('request.params', () => {
  it('is typed by the definitions: text, schema output, lists, unknown JSON, records', () => {
    lambda(http())
      .use(orderParameters)
      .handle(({ params }) => {
        expectTypeOf(params.table).toEqualTypeOf<string>()
        expectTypeOf(params.limits).toEqualTypeOf<Limits>()
        expectTypeOf(params.limits.currency).toEqualTypeOf<'JPY' | 'USD'>()
        expectTypeOf(params.regions).toEqualTypeOf<readonly string[]>()
        expectTypeOf(params.raw).toEqualTypeOf<unknown>()
        expectTypeOf(params.apiKey).toEqualTypeOf<string>()
        expectTypeOf(params.credentials.password).toEqualTypeOf<string>()
        expectTypeOf(params.all).toEqualTypeOf<Readonly<Record<string, string>>>()
        expectTypeOf(params.ports.http).toEqualTypeOf<number | undefined>()
        expectTypeOf(params.refresh('credentials')).toEqualTypeOf<Promise<{ password: string }>>()
        return params.table
      })
  })

  it('is read-only and has no keys that were not defined', () => {
    lambda(raw())
      .use(orderParameters)
      .handle(({ params }) => {
        // @ts-expect-error values cannot be replaced
        params.table = 'other'
        // @ts-expect-error no such parameter
        params.tabel
        // @ts-expect-error refresh takes defined keys only
        void params.refresh('tabel')
      })
  })

  it('does not exist without .use(parameters(...))', () => {
    lambda(http()).handle((request) => {
      // @ts-expect-error the chain has no parameters middleware
      return request.params
    })
  })
})

describe('definitions', () => {
  it('reject options that do not exist or do not fit', () => {
    // @ts-expect-error a secret has no StringList format
    secret('a', { format: 'list' })
    // @ts-expect-error decrypt is a boolean
    ssm('/a', { decrypt: 'yes' })
    // @ts-expect-error an unknown format
    ssm('/a', { format: 'yaml' })
  })
})

describe('createParameterStore()', () => {
  it('types get() and getAll() by key, and takes real SDK clients', async () => {
    const store = createParameterStore(
      { table: ssm('/orders/table'), limits: ssm('/orders/limits', { schema: Limits }) },
      { ssmClient: new SSMClient({}), secretsManagerClient: new SecretsManagerClient({}) },
    )
    expectTypeOf(await store.get('limits')).toEqualTypeOf<Limits>()
    expectTypeOf((await store.getAll()).table).toEqualTypeOf<string>()
    // @ts-expect-error no such key
    await store.get('nope')
  })
})
