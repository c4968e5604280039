import { randomUUID } from 'node:crypto'
import type { EventBridgeEvent } from 'aws-lambda'
import { defaultAccountId, defaultRegion } from '../aws-values/aws-defaults.js'
import { deepMerge } from '../deep-merge/deep-merge.js'
import type { DeepPartial } from '../deep-merge/deep-partial.js'
import { formatEventTime } from './event-time.js'

/**
 * An EventBridge event: a custom event (`source` `com.example.app`, `detail-type` `Example Event`, empty
 * `detail`) unless overridden. Name the detail type and detail shape in the type arguments to get them typed;
 * the defaults cannot know them, so give the matching `detail-type` and `detail` in the overrides.
 */
export function eventBridge<TDetailType extends string = string, TDetail = Record<string, unknown>>(
  overrides: DeepPartial<EventBridgeEvent<TDetailType, TDetail>> = {},
): EventBridgeEvent<TDetailType, TDetail> {
  const defaults: EventBridgeEvent<string, Record<string, unknown>> = {
    version: '0',
    id: randomUUID(),
    'detail-type': 'Example Event',
    source: 'com.example.app',
    account: defaultAccountId,
    time: formatEventTime(new Date()),
    region: defaultRegion,
    resources: [],
    detail: {},
  }
  // The defaults cannot know the caller's detail type; the caller states it and overrides what it needs.
  return deepMerge(defaults as EventBridgeEvent<TDetailType, TDetail>, overrides)
}
