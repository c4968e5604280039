// One HTTP route with the logger and a validated body.
import { http, lambda, reply } from '@tsumiki/core'
import { logger } from '@tsumiki/logger'
import { validate } from '@tsumiki/validation'
import { z } from 'zod'

const Order = z.object({ sku: z.string(), qty: z.number().int().positive() })

export const handler = lambda(http())
  .use(logger({ service: 'orders' }))
  .use(validate({ body: Order }))
  .handle(({ input: { body }, log }) => {
    log.info('order placed', { sku: body.sku })
    return reply({ status: 201, body })
  })
