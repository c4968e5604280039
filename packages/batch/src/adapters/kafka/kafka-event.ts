/**
 * What Lambda hands a function from a Kafka event source mapping: Amazon MSK (`aws:kafka`, with the cluster's ARN)
 * or self-managed Apache Kafka (`SelfManagedKafka`, no ARN). Records are grouped by topic-partition
 * (`<topic>-<partition>`), each group in offset order. Keys, values and header values are base64 / byte arrays as
 * Kafka carried them. With a schema registry configured on the mapping, Lambda adds what it knew of each schema.
 */
export interface KafkaEvent {
  readonly eventSource: 'aws:kafka' | 'SelfManagedKafka' | 'aws:SelfManagedKafka'
  /** The MSK cluster's ARN; absent for self-managed Kafka. */
  readonly eventSourceArn?: string | undefined
  readonly bootstrapServers?: string | undefined
  readonly records: Readonly<Record<string, readonly KafkaRecord[]>>
}

export interface KafkaRecord {
  readonly topic: string
  readonly partition: number
  readonly offset: number
  /** Epoch milliseconds, of the kind `timestampType` says. */
  readonly timestamp: number
  readonly timestampType: 'CREATE_TIME' | 'LOG_APPEND_TIME' | string
  /** Base64; absent or null for a record without a key. */
  readonly key?: string | null | undefined
  /** Base64; null for a tombstone (a deletion in a compacted topic). */
  readonly value: string | null
  /** One object per header, its name and its value's bytes (a name may repeat). */
  readonly headers?: readonly Readonly<Record<string, readonly number[]>>[] | undefined
  readonly keySchemaMetadata?: KafkaSchemaMetadata | undefined
  readonly valueSchemaMetadata?: KafkaSchemaMetadata | undefined
}

/** What Lambda's schema registry integration says of a key's or value's schema. */
export interface KafkaSchemaMetadata {
  readonly dataFormat?: string | undefined
  readonly schemaId?: string | undefined
}
