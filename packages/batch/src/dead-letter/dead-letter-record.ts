/**
 * What is parked for one record: enough to see why it failed and to replay it. Sent as the DLQ message's body,
 * in JSON.
 */
export interface DeadLetterRecord {
  /** The adapter's source: `'sqs'`, `'kinesis'`, `'dynamodb'`, or the `source` of your own adapter's table. */
  readonly source: 'sqs' | 'kinesis' | 'dynamodb' | (string & {})
  /** The id the record is reported under (`messageId`, or the stream's `eventID`). */
  readonly recordId: string
  readonly sourceArn: string | undefined
  /** Streams: the record's sequence number. */
  readonly sequenceNumber?: string | undefined
  /** Kinesis: the partition key. */
  readonly partitionKey?: string | undefined
  /** SQS: the message id. */
  readonly messageId?: string | undefined
  /** SQS: the body text. */
  readonly body?: string | undefined
  /** Kinesis: the data, base64 as delivered (binary data survives). */
  readonly data?: string | undefined
  /** DynamoDB Streams: the stream record (`Keys`, `NewImage`, `OldImage`...), as delivered. */
  readonly dynamodb?: unknown
  /** A source of your own: the record as delivered, or what replaying it takes. */
  readonly record?: unknown
  readonly error: { readonly code: string | undefined; readonly name: string; readonly message: string }
  /** When the record was parked, epoch ms. */
  readonly failedAtMs: number
}

export function describeError(error: unknown): DeadLetterRecord['error'] {
  if (error instanceof Error) {
    const code = (error as { readonly code?: unknown }).code
    return { code: typeof code === 'string' ? code : undefined, name: error.name, message: error.message }
  }
  return { code: undefined, name: typeof error, message: String(error) }
}
