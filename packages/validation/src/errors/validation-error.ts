import { errorBrand, HttpError, type HttpErrorBody } from '@tsumiki/core'
import { describeIssues, type ValidationIssue } from '../schema/validation-issue.js'

const brand = /* @__PURE__ */ errorBrand<ValidationError>('ValidationError')

/**
 * 400: the payload could not be read at all (not JSON, nested too deep); 415: its content type is not one the schema
 * can take; 422: it was read and the schema refused it.
 */
export type ValidationStatus = 400 | 415 | 422

export type ValidationErrorCode = 'MALFORMED_INPUT' | 'UNSUPPORTED_MEDIA_TYPE' | 'VALIDATION_FAILED'

const codeByStatus: Readonly<Record<ValidationStatus, ValidationErrorCode>> = {
  400: 'MALFORMED_INPUT',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'VALIDATION_FAILED',
}

/** The JSON body an HTTP client receives for a `ValidationError`. */
export interface ValidationErrorBody extends HttpErrorBody {
  readonly error: {
    readonly type: 'validation'
    readonly message: string
    readonly issues: readonly ValidationIssue[]
    /** How many more issues there were than `issues` holds (see `maxIssues`); absent when none. */
    readonly omittedIssues?: number
  }
}

export interface ValidationErrorOptions {
  /** Default 422. */
  readonly status?: ValidationStatus | undefined
  /** How many more issues there were than `issues` holds. Default 0. */
  readonly omittedIssues?: number | undefined
  readonly cause?: unknown
}

/**
 * The input failed validation. HTTP adapters answer it with its status and
 * `{ "error": { "type": "validation", "message", "issues": [{ "path", "message" }] } }`; on other sources it fails
 * the request (the record, for batch sources) and carries `issues` for the log.
 *
 * `summary` is what the client reads as `message`; the error's own `message` adds the issues, because a log line
 * that prints only an error's message (core's last-resort report does) should still say what was wrong.
 */
export class ValidationError extends HttpError {
  override readonly name: string = 'ValidationError'
  override readonly code: ValidationErrorCode
  declare readonly status: ValidationStatus
  declare readonly type: 'validation'
  readonly summary: string
  readonly issues: readonly ValidationIssue[]
  readonly omittedIssues: number

  constructor(summary: string, issues: readonly ValidationIssue[], options: ValidationErrorOptions = {}) {
    const status = options.status ?? 422
    const omittedIssues = options.omittedIssues ?? 0
    super(status, issues.length === 0 ? summary : `${summary}: ${describeIssues(issues, omittedIssues)}`, {
      type: 'validation',
      cause: options.cause,
    })
    this.code = codeByStatus[status]
    this.summary = summary
    this.issues = issues
    this.omittedIssues = omittedIssues
    brand.mark(this)
  }

  /** Only the summary and the issues (and how many more): never the stack, the cause or the payload. */
  override toResponseBody(): ValidationErrorBody {
    const { summary: message, issues, omittedIssues } = this
    return omittedIssues === 0
      ? { error: { type: 'validation', message, issues } }
      : { error: { type: 'validation', message, issues, omittedIssues } }
  }
}

/** Recognises a `ValidationError` from any copy of this package (ESM and CJS loaded side by side). */
export function isValidationError(error: unknown): error is ValidationError {
  return brand.is(error)
}
