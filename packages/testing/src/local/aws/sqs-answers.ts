import type { LocalSqsMessage } from './local-queue.js'
import type { StoredMessage } from './local-sqs.js'
import { md5OfBody, md5OfMessageAttributes } from './sqs-md5.js'

// What SQS answers: to a send, to a receive (the attributes asked for), and what a test inspects.

export function sendAnswer(
  messageId: string,
  md5Body: string,
  md5Attributes: string | undefined,
  sequenceNumber: string | undefined,
): Record<string, unknown> {
  return {
    MessageId: messageId,
    MD5OfMessageBody: md5Body,
    ...(md5Attributes === undefined ? {} : { MD5OfMessageAttributes: md5Attributes }),
    ...(sequenceNumber === undefined ? {} : { SequenceNumber: sequenceNumber }),
  }
}

export function describeReceived(
  message: StoredMessage,
  wantedAttributes: ReadonlySet<string>,
  wantedMessageAttributes: ReadonlySet<string>,
): unknown {
  const all = wantedAttributes.has('All')
  const systemAttributes: Record<string, string> = {
    ApproximateReceiveCount: String(message.receiveCount),
    SentTimestamp: String(message.sentAtMs),
    ApproximateFirstReceiveTimestamp: String(message.sentAtMs),
    SenderId: 'AIDAIENQZJOLO23YVJ4VO',
    ...(message.messageGroupId === undefined ? {} : { MessageGroupId: message.messageGroupId }),
    ...(message.messageDeduplicationId === undefined
      ? {}
      : { MessageDeduplicationId: message.messageDeduplicationId }),
    ...(message.sequenceNumber === undefined ? {} : { SequenceNumber: message.sequenceNumber }),
  }
  const attributes = Object.fromEntries(
    Object.entries(systemAttributes).filter(([name]) => all || wantedAttributes.has(name)),
  )
  const allMessageAttributes = wantedMessageAttributes.has('All') || wantedMessageAttributes.has('.*')
  const messageAttributes = Object.fromEntries(
    Object.entries(message.messageAttributes).filter(
      ([name]) =>
        allMessageAttributes ||
        wantedMessageAttributes.has(name) ||
        [...wantedMessageAttributes].some(
          (wanted) => wanted.endsWith('.*') && name.startsWith(wanted.slice(0, -1)),
        ),
    ),
  )
  const hasMessageAttributes = Object.keys(messageAttributes).length > 0
  return {
    MessageId: message.messageId,
    ReceiptHandle: message.receiptHandle,
    MD5OfBody: md5OfBody(message.body),
    Body: message.body,
    ...(Object.keys(attributes).length > 0 ? { Attributes: attributes } : {}),
    ...(hasMessageAttributes
      ? {
          MessageAttributes: messageAttributes,
          MD5OfMessageAttributes: md5OfMessageAttributes(messageAttributes),
        }
      : {}),
  }
}

export function snapshot(message: StoredMessage): LocalSqsMessage {
  return {
    messageId: message.messageId,
    body: message.body,
    messageAttributes: message.messageAttributes,
    messageGroupId: message.messageGroupId,
    messageDeduplicationId: message.messageDeduplicationId,
    sequenceNumber: message.sequenceNumber,
    sentAtMs: message.sentAtMs,
    receiveCount: message.receiveCount,
  }
}
