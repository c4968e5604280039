import type { Context, SNSEvent, SNSEventRecord, SNSMessage } from 'aws-lambda'
import type { Adapter } from '../../engine/adapter.js'
import type { Invocation } from '../../engine/invocation.js'
import { type InvocationRequest, RequestBase } from '../../engine/request.js'
import { setOwn } from '../../engine/set-own.js'
import { InvalidEventError } from '../../errors/invalid-event-error.js'
import { correlationIdOf } from '../../records/correlation-id.js'
import { runEachRecord } from '../../records/each-record.js'
import { readRecords } from '../../records/read-records.js'

/** One SNS message. `body` is the message text, so the same body validation serves HTTP and SNS. */
export interface SnsRequest extends InvocationRequest<SNSEvent> {
  readonly kind: 'sns'
  readonly record: SNSEventRecord
  readonly message: SNSMessage
  readonly body: string
  readonly messageId: string
  /** The id this record is reported and logged under: the SNS message id. */
  readonly recordId: string
  readonly topicArn: string
  readonly subject: string | undefined
  /** Message attributes by name, their `Value`s. */
  readonly attributes: Readonly<Record<string, string>>
}

export type SnsHandler = (event: SNSEvent, context: Context) => Promise<void>

class SnsRequestObject extends RequestBase<SNSEvent> implements SnsRequest {
  declare readonly kind: 'sns'
  readonly record: SNSEventRecord
  readonly message: SNSMessage
  readonly body: string
  readonly messageId: string
  declare readonly recordId: string
  readonly topicArn: string
  readonly subject: string | undefined
  readonly attributes: Record<string, string>

  constructor(invocation: Invocation, event: SNSEvent, record: SNSEventRecord) {
    const message = record.Sns
    if (typeof message !== 'object' || message === null || typeof message.Message !== 'string') {
      throw new InvalidEventError('sns', 'a record has no Sns.Message')
    }
    const attributes: Record<string, string> = {}
    for (const [name, attribute] of Object.entries(message.MessageAttributes ?? {})) {
      if (typeof attribute?.Value === 'string') setOwn(attributes, name, attribute.Value)
    }
    super(
      invocation,
      'sns',
      event,
      correlationIdOf(attributes) ?? message.MessageId,
      message.MessageId,
      message.MessageId,
    )
    this.record = record
    this.message = message
    this.body = message.Message
    this.messageId = message.MessageId
    this.topicArn = message.TopicArn
    this.subject = message.Subject ?? undefined
    this.attributes = attributes
  }
}

/** Runs the chain once per SNS record (SNS delivers one per invocation). A failure fails the invocation. */
export function sns(): Adapter<SnsRequest, SnsHandler> {
  return {
    name: 'sns',
    run: (event, invocation, chain) =>
      runEachRecord(
        'sns',
        readRecords<SNSEventRecord>('sns', event, 'Sns.MessageId', (record) => record.Sns?.MessageId),
        invocation,
        (record) => new SnsRequestObject(invocation, event, record),
        chain,
      ),
  }
}
