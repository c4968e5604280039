import { lambda, raw } from '@tsumiki/core'

export const handler = lambda(raw<{ orderId: string }>()).handle(({ event }) => event.orderId)
