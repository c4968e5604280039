import { brandOf, hasBrand } from './brand.js'
import { TsumikiError } from './tsumiki-error.js'

const brand = brandOf('RecordsFailedError')

export interface RecordFailure {
  readonly recordId: string
  readonly error: unknown
}

/**
 * Some records of an event could not be processed and the source has no partial-failure response, so the whole
 * invocation fails and Lambda's retry and on-failure destination take over.
 */
export class RecordsFailedError extends TsumikiError {
  override readonly name: string = 'RecordsFailedError'
  readonly failures: readonly RecordFailure[]

  constructor(source: string, failures: readonly RecordFailure[], total: number) {
    super(
      'RECORDS_FAILED',
      `${failures.length} of ${total} ${source} records failed: ${failures.map((f) => f.recordId).join(', ')}`,
      {
        // Stryker disable next-line OptionalChaining: with one failure there is a first one
        cause: failures.length === 1 ? failures[0]?.error : new AggregateError(failures.map((f) => f.error)),
      },
    )
    this.failures = failures
    // Stryker disable next-line ObjectLiteral,BooleanLiteral: a brand is recognised by its presence (hasBrand), not its value
    Object.defineProperty(this, brand, { value: true })
  }
}

export function isRecordsFailedError(error: unknown): error is RecordsFailedError {
  return hasBrand(error, brand)
}
