import { randomUUID } from 'node:crypto'
import { checkOption, InvalidOptionError, matching, required } from '@tsumiki/core'
import { randomBase64 } from '../../aws-values/random-ids.js'
import { LocalAwsError, requireString, unknownOperation } from '../../errors/local-aws-error.js'
import type { LocalQueue, LocalQueueInit, LocalSqsMessage } from './local-queue.js'
import { describeReceived, sendAnswer, snapshot } from './sqs-answers.js'
import { md5OfBody, md5OfMessageAttributes } from './sqs-md5.js'
import {
  batchEntryIdPattern,
  checkMessage,
  maxEntriesPerBatch,
  maxMessageBytes,
  maxMessagesPerReceive,
  messageBytes,
  type SqsFailure,
} from './sqs-message-checks.js'

interface QueueState {
  readonly name: string
  readonly url: string
  readonly fifo: boolean
  readonly contentBasedDeduplication: boolean
  readonly visibilityTimeoutMs: number
  readonly messages: StoredMessage[]
  /** FIFO deduplication id → when it was first accepted, and what that send answered. */
  readonly deduplication: Map<
    string,
    { readonly atMs: number; readonly messageId: string; readonly sequenceNumber: string }
  >
}

export interface StoredMessage extends LocalSqsMessage {
  receiveCount: number
  visibleAtMs: number
  receiptHandle: string | undefined
}

/** The SQS behaviour the local queues keep, as AWS documents it. */
const deduplicationWindowMs = 5 * 60 * 1000
const defaultVisibilityTimeoutMs = 30_000

/**
 * SQS in memory: GetQueueUrl, SendMessage, SendMessageBatch (per-entry Successful / Failed, the batch limits),
 * ReceiveMessage (visibility timeout; FIFO groups in order, one message in flight per group) and DeleteMessage.
 * FIFO queues need MessageGroupId and deduplicate by MessageDeduplicationId (or body, with content-based
 * deduplication) within 5 minutes, answering a duplicate with the first message's id without enqueuing it.
 */
export class LocalSqs {
  readonly #queues = new Map<string, QueueState>()
  readonly #endpoint: () => string
  readonly #accountId: string
  readonly #now: () => number
  #sequence = 10_000_000_000_000_000_000n

  constructor(endpoint: () => string, accountId: string, now: () => number) {
    this.#endpoint = endpoint
    this.#accountId = accountId
    this.#now = now
  }

  create(init: LocalQueueInit): void {
    const options = typeof init === 'string' ? { name: init } : init
    const name = options.name
    // 1-80 letters, digits, - and _; a FIFO queue's name ends in .fifo.
    checkOption(
      'startLocalAws()',
      'queues[].name',
      name,
      required(matching(/^(?=.{1,80}$)[A-Za-z0-9_-]+(\.fifo)?$/)),
    )
    this.#queues.set(name, {
      name,
      url: `${this.#endpoint()}/${this.#accountId}/${name}`,
      fifo: name.endsWith('.fifo'),
      contentBasedDeduplication: options.contentBasedDeduplication === true,
      visibilityTimeoutMs: options.visibilityTimeoutMs ?? defaultVisibilityTimeoutMs,
      messages: [],
      deduplication: new Map(),
    })
  }

  inspect(name: string): LocalQueue {
    const queue = this.#queues.get(name)
    if (queue === undefined) {
      throw new InvalidOptionError(
        'queue()',
        'name',
        `the name of a local queue (pass it to startLocalAws({ queues })); there is no local queue named ${name}`,
        name,
      )
    }
    return {
      name: queue.name,
      url: queue.url,
      fifo: queue.fifo,
      messages: () => queue.messages.map(snapshot),
      bodies: () => queue.messages.map((message) => JSON.parse(message.body) as unknown),
      clear: () => {
        queue.messages.length = 0
        queue.deduplication.clear()
      },
    }
  }

  handle(operation: string, input: Record<string, unknown>): unknown {
    switch (operation) {
      case 'GetQueueUrl':
        return { QueueUrl: this.#byName(requireString(input, 'QueueName')).url }
      case 'SendMessage':
        return this.#sendMessage(input)
      case 'SendMessageBatch':
        return this.#sendMessageBatch(input)
      case 'ReceiveMessage':
        return this.#receiveMessage(input)
      case 'DeleteMessage':
        return this.#deleteMessage(input)
      default:
        throw unknownOperation(operation)
    }
  }

  #byName(name: string): QueueState {
    const queue = this.#queues.get(name)
    if (queue === undefined) throw sqsError('QueueDoesNotExist', 'The specified queue does not exist.')
    return queue
  }

  #byUrl(input: Record<string, unknown>): QueueState {
    const url = requireString(input, 'QueueUrl')
    // Clients may reach the same queue through another host name (localhost, 127.0.0.1): match on the path.
    const name = url.split('/').pop() ?? ''
    return this.#byName(name)
  }

  #sendMessage(input: Record<string, unknown>): unknown {
    const queue = this.#byUrl(input)
    const result = this.#enqueue(queue, input)
    if ('failure' in result) throw sqsError(result.failure.code, result.failure.message)
    return result.sent
  }

  #sendMessageBatch(input: Record<string, unknown>): unknown {
    const queue = this.#byUrl(input)
    const entries = input.Entries
    if (!Array.isArray(entries) || entries.length === 0) {
      throw sqsError(
        'EmptyBatchRequest',
        'There should be at least one SendMessageBatchRequestEntry in the request.',
      )
    }
    if (entries.length > maxEntriesPerBatch) {
      throw sqsError(
        'TooManyEntriesInBatchRequest',
        `Maximum number of entries per request are ${maxEntriesPerBatch}. You have sent ${entries.length}.`,
      )
    }
    const ids = new Set<string>()
    let totalBytes = 0
    for (const entry of entries as Record<string, unknown>[]) {
      const id = entry.Id
      if (typeof id !== 'string' || !batchEntryIdPattern.test(id)) {
        throw sqsError(
          'InvalidBatchEntryId',
          'A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.',
        )
      }
      if (ids.has(id)) throw sqsError('BatchEntryIdsNotDistinct', `Id ${id} repeated.`)
      ids.add(id)
      totalBytes += messageBytes(entry)
    }
    if (totalBytes > maxMessageBytes) {
      throw sqsError(
        'BatchRequestTooLong',
        `Batch requests cannot be longer than ${maxMessageBytes} bytes. You have sent ${totalBytes} bytes.`,
      )
    }
    const successful: unknown[] = []
    const failed: unknown[] = []
    for (const entry of entries as Record<string, unknown>[]) {
      const result = this.#enqueue(queue, entry)
      if ('failure' in result) {
        failed.push({
          Id: entry.Id,
          SenderFault: true,
          Code: result.failure.code,
          Message: result.failure.message,
        })
      } else {
        successful.push({ Id: entry.Id, ...result.sent })
      }
    }
    return { Successful: successful, Failed: failed }
  }

  /** Puts one checked message on the queue; a failure is answered per entry in a batch. */
  #enqueue(
    queue: QueueState,
    input: Record<string, unknown>,
  ): { readonly sent: Record<string, unknown> } | { readonly failure: SqsFailure } {
    const checked = checkMessage(queue, input)
    if ('failure' in checked) return checked
    const { body, attributes, groupId, deduplicationId } = checked.message
    const nowMs = this.#now()
    const md5Body = md5OfBody(body)
    const md5Attributes = md5OfMessageAttributes(attributes)
    if (queue.fifo && deduplicationId !== undefined) {
      const seen = queue.deduplication.get(deduplicationId)
      if (seen !== undefined && nowMs - seen.atMs < deduplicationWindowMs) {
        return { sent: sendAnswer(seen.messageId, md5Body, md5Attributes, seen.sequenceNumber) }
      }
    }
    const delayMs = typeof input.DelaySeconds === 'number' ? input.DelaySeconds * 1000 : 0
    const messageId = randomUUID()
    const sequenceNumber = queue.fifo ? String(this.#sequence++) : undefined
    queue.messages.push({
      messageId,
      body,
      messageAttributes: attributes,
      messageGroupId: groupId,
      messageDeduplicationId: deduplicationId,
      sequenceNumber,
      sentAtMs: nowMs,
      receiveCount: 0,
      visibleAtMs: nowMs + delayMs,
      receiptHandle: undefined,
    })
    if (queue.fifo && deduplicationId !== undefined && sequenceNumber !== undefined) {
      queue.deduplication.set(deduplicationId, { atMs: nowMs, messageId, sequenceNumber })
    }
    return { sent: sendAnswer(messageId, md5Body, md5Attributes, sequenceNumber) }
  }

  #receiveMessage(input: Record<string, unknown>): unknown {
    const queue = this.#byUrl(input)
    const max = input.MaxNumberOfMessages ?? 1
    if (typeof max !== 'number' || !Number.isInteger(max) || max < 1 || max > maxMessagesPerReceive) {
      throw sqsError(
        'InvalidParameterValue',
        `Value ${String(max)} for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided.`,
      )
    }
    const visibilityTimeoutMs =
      typeof input.VisibilityTimeout === 'number' ? input.VisibilityTimeout * 1000 : queue.visibilityTimeoutMs
    const wantedAttributes = new Set([
      ...((input.MessageSystemAttributeNames ?? []) as string[]),
      ...((input.AttributeNames ?? []) as string[]),
    ])
    const wantedMessageAttributes = new Set((input.MessageAttributeNames ?? []) as string[])
    const nowMs = this.#now()
    const blockedGroups = new Set<string>()
    if (queue.fifo) {
      for (const message of queue.messages) {
        if (message.visibleAtMs > nowMs && message.messageGroupId !== undefined && message.receiveCount > 0) {
          blockedGroups.add(message.messageGroupId)
        }
      }
    }
    const received: unknown[] = []
    for (const message of queue.messages) {
      if (received.length >= max) break
      if (message.visibleAtMs > nowMs) {
        if (queue.fifo && message.messageGroupId !== undefined) blockedGroups.add(message.messageGroupId)
        continue
      }
      if (queue.fifo && message.messageGroupId !== undefined && blockedGroups.has(message.messageGroupId))
        continue
      message.receiveCount++
      message.visibleAtMs = nowMs + visibilityTimeoutMs
      message.receiptHandle = randomBase64(48)
      received.push(describeReceived(message, wantedAttributes, wantedMessageAttributes))
    }
    return { Messages: received }
  }

  #deleteMessage(input: Record<string, unknown>): unknown {
    const queue = this.#byUrl(input)
    const handle = requireString(input, 'ReceiptHandle')
    const index = queue.messages.findIndex((message) => message.receiptHandle === handle)
    if (index < 0) {
      throw sqsError(
        'ReceiptHandleIsInvalid',
        `The input receipt handle "${handle}" is not a valid receipt handle.`,
      )
    }
    queue.messages.splice(index, 1)
    return {}
  }
}

function sqsError(code: string, message: string): LocalAwsError {
  return new LocalAwsError(`com.amazonaws.sqs#${code}`, message)
}
