import { http, lambda } from '@tsumiki/core'
import { parameters, secret } from '@tsumiki/parameters'
import { expectTypeOf, test } from 'vitest'
import { requireApiKey } from '../src/api-key.js'

// Checked by `tsc` (the typecheck task): a chain must read the key before it can check it.
test('requireApiKey() needs params.apiKey on the request', () => {
  const withKey = lambda(http())
    .use(parameters({ apiKey: secret('orders/api-key') }))
    .use(requireApiKey())
  expectTypeOf(withKey.handle(({ params }) => params.apiKey.length)).toBeFunction()

  // @ts-expect-error no parameters() before it: request.params.apiKey does not exist
  lambda(http()).use(requireApiKey())
})
