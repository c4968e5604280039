import type { SqsMessageAttributeValue } from './sqs-md5.js'

/** A queue given to `startLocalAws({ queues })`: its name (`.fifo` makes a FIFO queue), or the name with options. */
export type LocalQueueInit =
  | string
  | {
      readonly name: string
      /** FIFO only: a message without `MessageDeduplicationId` is deduplicated by the SHA-256 of its body. */
      readonly contentBasedDeduplication?: boolean | undefined
      /** How long a received message stays invisible unless the receive says otherwise. Default 30,000. */
      readonly visibilityTimeoutMs?: number | undefined
    }

/** A message as the local queue holds it, for assertions. */
export interface LocalSqsMessage {
  readonly messageId: string
  readonly body: string
  readonly messageAttributes: Readonly<Record<string, SqsMessageAttributeValue>>
  readonly messageGroupId: string | undefined
  readonly messageDeduplicationId: string | undefined
  /** FIFO queues only. */
  readonly sequenceNumber: string | undefined
  readonly sentAtMs: number
  /** How many times ReceiveMessage has handed it out. */
  readonly receiveCount: number
}

/** What `localAws.queue(name)` gives a test. */
export interface LocalQueue {
  readonly name: string
  readonly url: string
  readonly fifo: boolean
  /** Every message still in the queue (not deleted), in the order sent, received or not. */
  messages(): readonly LocalSqsMessage[]
  /** The bodies of `messages()`, parsed as JSON. */
  bodies(): readonly unknown[]
  /** Empties the queue and forgets deduplication ids. */
  clear(): void
}
