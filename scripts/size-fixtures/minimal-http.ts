// The smallest HTTP function: one adapter, one reply.
import { http, lambda, reply } from '@tsumiki/core'

export const handler = lambda(http()).handle(() => reply({ status: 200, body: { ok: true } }))
