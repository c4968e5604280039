/**
 * The attribute @tsumiki/idempotency writes its expiry to, in epoch seconds as DynamoDB's TTL wants. The stack
 * turns TTL on for it; the handler test reads it back from a record the package really wrote.
 */
export const idempotencyTtlAttribute = 'ttlEpochSeconds'

/** The idempotency table's partition key, as @tsumiki/idempotency reads and writes it. */
export const idempotencyKeyAttribute = 'id'
