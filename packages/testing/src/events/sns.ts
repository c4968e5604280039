import { randomUUID } from 'node:crypto'
import type { SNSEvent, SNSEventRecord } from 'aws-lambda'
import { defaultAccountId, defaultRegion, regionOfArn } from '../aws-values/aws-defaults.js'
import { randomBase64, randomHex } from '../aws-values/random-ids.js'
import { deepMerge } from '../deep-merge/deep-merge.js'
import type { DeepPartial } from '../deep-merge/deep-partial.js'

const defaultTopicArn = `arn:aws:sns:${defaultRegion}:${defaultAccountId}:my-topic`

/** An SNS event with one record per override (one default record when called without any). */
export function sns(records: DeepPartial<SNSEventRecord>[] = [{}]): SNSEvent {
  return { Records: records.map((overrides) => snsRecord(overrides)) }
}

/**
 * One SNS notification record. The subscription ARN, the unsubscribe and signing certificate URLs follow
 * `Sns.TopicArn` when you override it.
 */
export function snsRecord(overrides: DeepPartial<SNSEventRecord> = {}): SNSEventRecord {
  const topicArn = overrides.Sns?.TopicArn ?? defaultTopicArn
  const region = regionOfArn(topicArn)
  const subscriptionArn = overrides.EventSubscriptionArn ?? `${topicArn}:${randomUUID()}`
  const defaults: SNSEventRecord = {
    EventVersion: '1.0',
    EventSubscriptionArn: subscriptionArn,
    EventSource: 'aws:sns',
    Sns: {
      SignatureVersion: '1',
      Timestamp: new Date().toISOString(),
      Signature: randomBase64(256),
      SigningCertUrl: `https://sns.${region}.amazonaws.com/SimpleNotificationService-${randomHex(32)}.pem`,
      MessageId: randomUUID(),
      Message: 'Hello from SNS!',
      MessageAttributes: {},
      Type: 'Notification',
      UnsubscribeUrl: `https://sns.${region}.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=${subscriptionArn}`,
      TopicArn: topicArn,
    },
  }
  return deepMerge(defaults, overrides)
}
