import { createHash } from 'node:crypto'
import type { SqsMessageAttributeValue } from './sqs-md5.js'

/** The SQS limits the local queues enforce, as AWS documents them. */
export const maxEntriesPerBatch = 10
export const maxMessageBytes = 1_048_576
export const batchEntryIdPattern = /^[A-Za-z0-9_-]{1,80}$/
export const maxMessagesPerReceive = 10
const maxAttributesPerMessage = 10
/** The characters SQS accepts in a message body; anything else (a NUL, a lone surrogate) is InvalidMessageContents. */
const allowedCharacters = /^[\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]*$/u

/** An SQS error answer: its code (`InvalidParameterValue`) and message. */
export interface SqsFailure {
  readonly code: string
  readonly message: string
}

/** A message SQS accepts, and what its checks worked out. */
export interface CheckedMessage {
  readonly body: string
  readonly attributes: Record<string, SqsMessageAttributeValue>
  readonly groupId: string | undefined
  readonly deduplicationId: string | undefined
}

/**
 * Checks one message as SQS does, in SQS's order, with its error codes and messages: the body, the delay, the
 * attributes, the size, and FIFO's group and deduplication ids (content-based deduplication hashes the body).
 */
export function checkMessage(
  queue: { readonly fifo: boolean; readonly contentBasedDeduplication: boolean },
  input: Record<string, unknown>,
): { readonly message: CheckedMessage } | { readonly failure: SqsFailure } {
  const body = input.MessageBody
  if (typeof body !== 'string' || body.length === 0) {
    return {
      failure: { code: 'MissingParameter', message: 'The request must contain the parameter MessageBody.' },
    }
  }
  if (!allowedCharacters.test(body)) {
    return {
      failure: {
        code: 'InvalidMessageContents',
        message:
          'Invalid characters found. Valid unicode characters are #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF',
      },
    }
  }
  const delaySeconds = input.DelaySeconds ?? 0
  if (
    typeof delaySeconds !== 'number' ||
    !Number.isInteger(delaySeconds) ||
    delaySeconds < 0 ||
    delaySeconds > 900
  ) {
    return {
      failure: {
        code: 'InvalidParameterValue',
        message: `Value ${String(delaySeconds)} for parameter DelaySeconds is invalid. Reason: must be between 0 and 900, if provided.`,
      },
    }
  }
  if (Object.keys(input.MessageAttributes ?? {}).length > maxAttributesPerMessage) {
    return {
      failure: {
        code: 'InvalidParameterValue',
        message: `Number of message attributes [${Object.keys(input.MessageAttributes ?? {}).length}] exceeds the allowed maximum [${maxAttributesPerMessage}].`,
      },
    }
  }
  if (messageBytes(input) > maxMessageBytes) {
    return {
      failure: {
        code: 'InvalidParameterValue',
        message: `One or more parameters are invalid. Reason: Message must be shorter than ${maxMessageBytes} bytes.`,
      },
    }
  }
  const attributes = (input.MessageAttributes ?? {}) as Record<string, SqsMessageAttributeValue>
  for (const [name, attribute] of Object.entries(attributes)) {
    const valid =
      typeof attribute?.DataType === 'string' &&
      /^(String|Number|Binary)(\..+)?$/.test(attribute.DataType) &&
      (attribute.DataType.startsWith('Binary')
        ? typeof attribute.BinaryValue === 'string'
        : typeof attribute.StringValue === 'string')
    if (!valid) {
      return {
        failure: {
          code: 'InvalidParameterValue',
          message: `The message attribute '${name}' must contain a non-empty value of type ${attribute?.DataType ?? 'String, Number or Binary'}.`,
        },
      }
    }
  }
  const groupId = typeof input.MessageGroupId === 'string' ? input.MessageGroupId : undefined
  let deduplicationId =
    typeof input.MessageDeduplicationId === 'string' ? input.MessageDeduplicationId : undefined
  if (queue.fifo) {
    if (groupId === undefined) {
      return {
        failure: {
          code: 'MissingParameter',
          message: 'The request must contain the parameter MessageGroupId.',
        },
      }
    }
    if (input.DelaySeconds !== undefined && input.DelaySeconds !== 0) {
      return {
        failure: {
          code: 'InvalidParameterValue',
          message:
            'Value for parameter DelaySeconds is invalid. Reason: The request include parameter that is not valid for this queue type.',
        },
      }
    }
    if (deduplicationId === undefined) {
      if (!queue.contentBasedDeduplication) {
        return {
          failure: {
            code: 'InvalidParameterValue',
            message:
              'The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly',
          },
        }
      }
      deduplicationId = createSha256(body)
    }
  } else if (deduplicationId !== undefined) {
    return {
      failure: {
        code: 'InvalidParameterValue',
        message:
          'Value for parameter MessageDeduplicationId is invalid. Reason: The request includes a parameter that is not valid for this queue type.',
      },
    }
  }
  return { message: { body, attributes, groupId, deduplicationId } }
}

export function messageBytes(input: Record<string, unknown>): number {
  let bytes = typeof input.MessageBody === 'string' ? Buffer.byteLength(input.MessageBody, 'utf8') : 0
  const attributes = (input.MessageAttributes ?? {}) as Record<string, SqsMessageAttributeValue>
  for (const [name, attribute] of Object.entries(attributes)) {
    bytes += Buffer.byteLength(name) + Buffer.byteLength(String(attribute?.DataType ?? ''))
    bytes +=
      attribute?.BinaryValue !== undefined
        ? Buffer.from(attribute.BinaryValue, 'base64').length
        : Buffer.byteLength(String(attribute?.StringValue ?? ''))
  }
  return bytes
}

function createSha256(body: string): string {
  return createHash('sha256').update(body, 'utf8').digest('hex')
}
