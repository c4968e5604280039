// The smallest function of all: the raw adapter (no SQS, no HTTP) and a handler.
import { lambda, raw } from '@tsumiki/core'

export const handler = lambda(raw()).handle(({ event }) => ({ received: event }))
