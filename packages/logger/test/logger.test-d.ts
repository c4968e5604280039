import { currentRequest, http, lambda, sns, wrap } from '@tsumiki/core'
import type { Context } from 'aws-lambda'
import { describe, expectTypeOf, it } from 'vitest'
import { createLogger, type LogFields, type Logger, logger } from '../src/index.js'

describe('types', () => {
  it('gives request.log as a Logger after .use(logger())', () => {
    lambda(http())
      .use(logger({ service: 'orders' }))
      .handle((request) => {
        expectTypeOf(request.log).toEqualTypeOf<Logger>()
        expectTypeOf(request.log.correlationId).toEqualTypeOf<string | undefined>()
        return undefined
      })
    lambda(sns())
      .use(logger())
      .handle(({ log, recordId }) => {
        expectTypeOf(log).toEqualTypeOf<Logger>()
        expectTypeOf(recordId).toEqualTypeOf<string>()
      })
  })

  it('types currentRequest(context)?.log in a wrapped handler, with no cast', () => {
    const legacy = async (_event: unknown, context: Context) => {
      const log = currentRequest(context)?.log
      expectTypeOf(log).toEqualTypeOf<Logger | undefined>()
      log?.info('legacy handler')
      // Fields no package declares stay unknown.
      expectTypeOf(currentRequest(context)?.tenant).toEqualTypeOf<unknown>()
      return 'ok'
    }
    wrap(legacy).use(logger({ service: 'legacy' }))
  })

  it('does not compile request.log without the logger middleware', () => {
    lambda(http()).handle((request) => {
      // @ts-expect-error: no logger middleware, no log
      request.log.info('x')
      return undefined
    })
  })

  it('types the log calls', () => {
    const log = createLogger()
    expectTypeOf(log.info).parameters.toEqualTypeOf<[message: string, fields?: LogFields]>()
    expectTypeOf(log.error).parameters.toEqualTypeOf<[message: string, error?: unknown, fields?: LogFields]>()
    // A value typed by an interface has no index signature, and is still accepted as fields.
    interface Order {
      readonly id: string
      readonly totalCents: number
    }
    const order: Order = { id: 'o-1', totalCents: 4200 }
    log.info('order', order)
    log.child(order).info('placed')
    expectTypeOf(log.child({ a: 1 })).toEqualTypeOf<Logger>()
    // @ts-expect-error: fields are an object, not a string
    log.info('x', 'y')
    // @ts-expect-error: not a level
    createLogger({ level: 'verbose' })
    // A level known only at run time (checked then, in any case), or left undefined.
    createLogger({ level: process.env.LOG_LEVEL })
    logger({ level: undefined, service: process.env.SERVICE_NAME })
  })
})
