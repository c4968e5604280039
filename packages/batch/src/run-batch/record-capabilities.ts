import { eventCapabilities, type RequestCapabilities } from '@tsumiki/core'
import type { FailureClass } from '../dead-letter/failure-class.js'
import type { DeadLetter } from '../dead-letter/sqs-dead-letter.js'

/**
 * What a batch adapter's requests declare. With a dead-letter queue, a permanent failure is the adapter's to log:
 * it is parked after the run, and only then is it known to be a WARN (parked) or an ERROR (not parked). Without
 * one, a failure is any middleware's to log, as on every other source.
 */
export function recordCapabilities(
  classify: (error: unknown) => FailureClass,
  deadLetter: DeadLetter | undefined,
): RequestCapabilities {
  if (deadLetter === undefined) return eventCapabilities
  return { ...eventCapabilities, logsFailureItself: (error) => classify(error) === 'permanent' }
}
