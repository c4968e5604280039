import { randomUUID } from 'node:crypto'
import type { ScheduledEvent } from 'aws-lambda'
import { defaultAccountId, defaultRegion } from '../aws-values/aws-defaults.js'
import { deepMerge } from '../deep-merge/deep-merge.js'
import type { DeepPartial } from '../deep-merge/deep-partial.js'
import { formatEventTime } from './event-time.js'

/**
 * An EventBridge scheduled event (`aws.events` / `Scheduled Event`) from the rule `my-schedule`, timed at
 * the start of the current minute as schedules fire. The rule ARN follows `account` and `region`.
 */
export function schedule(overrides: DeepPartial<ScheduledEvent> = {}): ScheduledEvent {
  const account = overrides.account ?? defaultAccountId
  const region = overrides.region ?? defaultRegion
  const now = new Date()
  now.setUTCSeconds(0, 0)
  const defaults: ScheduledEvent<Record<string, never>> = {
    version: '0',
    id: randomUUID(),
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    account,
    time: formatEventTime(now),
    region,
    resources: [`arn:aws:events:${region}:${account}:rule/my-schedule`],
    detail: {},
  }
  return deepMerge<ScheduledEvent>(defaults, overrides)
}
