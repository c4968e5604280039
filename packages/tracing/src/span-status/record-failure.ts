import type { Span } from '@opentelemetry/api'
import { isDeadlineExceededError, isErrorLike, isHttpError, withoutSensitiveValues } from '@tsumiki/core'

/** `SpanStatusCode.ERROR`: a constant of the API, written here so recording a failure needs no import of it. */
const statusError = 2

/**
 * Records what failed a span: the exception (with registered secrets redacted, as every log line has them) and an
 * ERROR status. A client error where the source answers with a status (an `HttpError` 4xx) is an answer, not a
 * failure: the span keeps its status, as HTTP's conventions say for a server span. A deadline cut-off is marked
 * `tsumiki.deadline_cut`.
 */
export function recordFailure(span: Span, error: unknown, answersWithStatus: boolean): void {
  if (answersWithStatus && isHttpError(error) && error.status < 500) return
  const shown = withoutSensitiveValues(error)
  if (typeof shown === 'object' && shown !== null && isErrorLike(shown)) {
    const name = String(shown.name)
    const message = String(shown.message)
    const stack = typeof shown.stack === 'string' ? shown.stack : undefined
    span.recordException(stack === undefined ? { name, message } : { name, message, stack })
    span.setStatus({ code: statusError, message: `${name}: ${message}` })
  } else {
    const text = typeof shown === 'string' ? shown : 'A value that is not an Error was thrown'
    span.recordException(text)
    span.setStatus({ code: statusError, message: text })
  }
  if (isDeadlineExceededError(error)) markDeadlineCut(span)
}

/** The deadline guard cut the work this span covers: its answer is what was left when it cut. */
export function markDeadlineCut(span: Span): void {
  span.setAttribute('tsumiki.deadline_cut', true)
  span.setStatus({ code: statusError, message: 'Cut by the deadline guard before Lambda timed out' })
}

/** An HTTP answer with a 5xx status is a failure of the server span, whatever made it (an error already says why). */
export function recordAnswerStatus(span: Span, status: number, failureRecorded: boolean): void {
  span.setAttribute('http.response.status_code', status)
  if (status >= 500 && !failureRecorded) span.setStatus({ code: statusError, message: `Answered ${status}` })
}
