import { registerSensitiveValue } from '@tsumiki/core'
import { createLogger } from '@tsumiki/logger'
import { context, correlationId, fields, type LineWriter, message, service } from './fixtures.js'

/** `request.log` as the logger middleware makes it: the module logger, then one logger per invocation. */
export function tsumiki(): LineWriter {
  const log = createLogger({ service }).forInvocation(context, { coldStart: false, correlationId })
  return {
    write: (index) => log.info(message, fields(index)),
    flush: async () => {},
  }
}

/** The same, with three secrets registered (as a function does for what it fetches) and two redaction paths of its own. */
export function tsumikiRedacting(): LineWriter {
  for (const secret of ['sk_live_51H8xYz', 'db-password-9f8e7d', 'ghp_0123456789abcdef']) {
    registerSensitiveValue(secret)
  }
  const log = createLogger({ service, redact: ['card.number', '*.token'] }).forInvocation(context, {
    coldStart: false,
    correlationId,
  })
  return {
    write: (index) => log.info(message, fields(index)),
    flush: async () => {},
  }
}
