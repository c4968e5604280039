/**
 * The function was asked to write where its own trigger watches: a misconfigured `OUTPUT_BUCKET` (or a
 * notification on the output bucket) would make every write start another invocation, forever. Refused before
 * anything is read or written.
 */
export class WouldTriggerItselfError extends Error {
  override readonly name = 'WouldTriggerItselfError'
  readonly code = 'WOULD_TRIGGER_ITSELF'
  readonly source: string
  readonly output: string

  constructor(source: { bucket: string; key: string }, output: { bucket: string; key: string }) {
    super(
      `Refusing to write s3://${output.bucket}/${output.key}: it is in the bucket the input ` +
        `s3://${source.bucket}/${source.key} came from, so the write could trigger this function again. ` +
        'Set OUTPUT_BUCKET to another bucket.',
    )
    this.source = `${source.bucket}/${source.key}`
    this.output = `${output.bucket}/${output.key}`
  }
}

export function isWouldTriggerItselfError(error: unknown): error is WouldTriggerItselfError {
  return error instanceof WouldTriggerItselfError
}
