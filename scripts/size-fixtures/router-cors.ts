// Two routes behind CORS, no other middleware.
import { cors, http, lambda, reply, router } from '@tsumiki/core'

const base = lambda(http()).use(cors({ origins: ['https://shop.example.com'] }))

export const handler = base.handle(
  router<typeof base>()
    .get('/orders/{id}', (route) => route.handle(({ pathParams }) => ({ id: pathParams.id })))
    .post('/orders', (route) => route.handle(() => reply({ status: 201, body: { ok: true } }))),
)
