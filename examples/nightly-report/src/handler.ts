import { DynamoDBClient } from '@aws-sdk/client-dynamodb'
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb'
import { lambda, type ScheduleHandler, schedule, settingsFrom } from '@tsumiki/core'
import { logger } from '@tsumiki/logger'
import { runNightlyReport } from './nightly-report.js'
import { ordersTable } from './orders-table.js'
import { reportsTable } from './reports-table.js'
import { MissingScheduleTimeError } from './schedule-errors.js'
import { settingNames } from './settings.js'

const settings = settingsFrom(settingNames, process.env)
// Built once per execution environment; AWS_ENDPOINT_URL_DYNAMODB points the client elsewhere in tests.
const documents = DynamoDBDocumentClient.from(new DynamoDBClient({}))
const deps = {
  orders: ordersTable(documents, settings.ordersTable),
  reports: reportsTable(documents, settings.reportsTable),
}

/**
 * Once a night: reports the UTC day before the event's `time` and saves it once. A failure fails the invocation,
 * so Lambda's async retries and the failure queue apply (see infra/stack.ts); a retry reports the same day, and a
 * day already reported is left as it is.
 */
export const handler: ScheduleHandler = lambda(schedule())
  .use(logger({ service: 'nightly-report' }))
  .handle(async ({ payload, eventId, signal, log }) => {
    // The event's own time, not the adapter's fallback to the clock: no time, no report.
    const scheduledAtMs = typeof payload.time === 'string' ? Date.parse(payload.time) : Number.NaN
    if (Number.isNaN(scheduledAtMs)) throw new MissingScheduleTimeError(eventId)
    const outcome = await runNightlyReport({ scheduledAtMs, runId: eventId ?? payload.time }, deps, {
      signal,
    })
    if (outcome.status === 'already-reported') {
      log.info('day already reported: nothing changed', { day: outcome.day })
      return
    }
    const { report } = outcome
    log.info('nightly report', { ...report })
    if (report.unreadable.count > 0) {
      log.warn('orders the report could not read', { day: report.day, unreadable: report.unreadable })
    }
  })
