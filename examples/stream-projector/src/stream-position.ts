/** DynamoDB Streams sequence numbers have 21 to 40 digits. */
const sequenceNumberDigits = 40

/**
 * A stream record's sequence number as a position comparable as text: zero-padded to 40 digits, so that a later
 * record of the same item (whose sequence number is greater, possibly longer) sorts after it in a DynamoDB
 * condition, which compares strings byte by byte.
 */
export function streamPosition(sequenceNumber: string): string {
  if (!/^\d{1,40}$/.test(sequenceNumber)) {
    throw new RangeError(`A stream sequence number has 1 to 40 digits, not ${JSON.stringify(sequenceNumber)}`)
  }
  return sequenceNumber.padStart(sequenceNumberDigits, '0')
}
