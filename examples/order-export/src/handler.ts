import { DynamoDBClient } from '@aws-sdk/client-dynamodb'
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb'
import {
  httpErrors,
  lambda,
  replyStream,
  router,
  type StreamingHttpHandler,
  settingsFrom,
  streamingHttp,
} from '@tsumiki/core'
import { logger } from '@tsumiki/logger'
import { exportCsv, isDay } from './export-csv.js'
import { ordersTable } from './orders-table.js'
import { settingNames } from './settings.js'

const settings = settingsFrom(settingNames, process.env)
// Built once per execution environment; AWS_ENDPOINT_URL_DYNAMODB points the client elsewhere in tests.
const orders = ordersTable(DynamoDBDocumentClient.from(new DynamoDBClient({})), settings.ordersTable)

const base = lambda(streamingHttp()).use(logger({ service: 'order-export', logResult: true }))

const routes = router<typeof base>()
  // Streamed: a day's orders as CSV, a page at a time, while the next page is read.
  .get('/exports/{day}', (route) =>
    route.handle(({ pathParams, signal }) => {
      const day = pathParams.day.replace(/\.csv$/, '')
      if (!isDay(day)) {
        throw httpErrors.badRequest('The day must be a date, YYYY-MM-DD', { details: { pathParam: 'day' } })
      }
      return replyStream({
        headers: {
          'content-type': 'text/csv; charset=utf-8',
          'content-disposition': `attachment; filename="orders-${day}.csv"`,
        },
        body: exportCsv(orders.ordersPlacedOn(day, signal)),
      })
    }),
  )
  // Answered whole, from the same function.
  .get('/health', (route) => route.handle(() => ({ ok: true })))

/** A Function URL in RESPONSE_STREAM mode (infra/stack.ts). */
export const handler: StreamingHttpHandler = base.handle(routes)
