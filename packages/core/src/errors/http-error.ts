import { wholeNumber } from '../options/option-rules.js'
import { errorBrand } from './brand.js'
import { InvalidOptionError } from './invalid-option-error.js'
import { TsumikiError } from './tsumiki-error.js'

const brand = /* @__PURE__ */ errorBrand<HttpError>('HttpError')

/** The JSON body every HTTP error response carries. */
export interface HttpErrorBody {
  readonly error: {
    readonly type: string
    readonly message: string
    readonly [field: string]: unknown
  }
}

export interface HttpErrorOptions {
  /** Machine-readable kind of error for the client, e.g. `not_found`. Defaults from the status. */
  readonly type?: string | undefined
  /** Extra data the client may act on. Sent to the client: never put secrets or internals here. */
  readonly details?: unknown
  /** Response headers, e.g. `retry-after` for a 429 or `allow` for a 405. */
  readonly headers?: Readonly<Record<string, string>> | undefined
  readonly cause?: unknown
}

const typeByStatus: Readonly<Record<number, string>> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  406: 'not_acceptable',
  409: 'conflict',
  410: 'gone',
  412: 'precondition_failed',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'unprocessable_entity',
  429: 'too_many_requests',
  500: 'internal',
  502: 'bad_gateway',
  503: 'service_unavailable',
  504: 'deadline_exceeded',
}

/**
 * An error whose message is meant for the client. HTTP adapters turn it into a response with its status and
 * `{ "error": { "type", "message", "details"? } }`; on other sources it is an ordinary error.
 */
export class HttpError extends TsumikiError {
  override readonly name: string = 'HttpError'
  readonly status: number
  readonly type: string
  readonly details: unknown
  readonly headers: Readonly<Record<string, string>>

  constructor(status: number, message: string, options: HttpErrorOptions = {}) {
    super(`HTTP_${status}`, message, options)
    if (!Number.isInteger(status) || status < 400 || status > 599) {
      throw new InvalidOptionError('HttpError', 'status', wholeNumber(400, 599).expected, status)
    }
    this.status = status
    // Stryker disable next-line EqualityOperator: 500 has its own type in typeByStatus
    this.type = options.type ?? typeByStatus[status] ?? (status < 500 ? 'client_error' : 'server_error')
    this.details = options.details
    this.headers = options.headers ?? {}
    brand.mark(this)
  }

  /** What the client sees. Subclasses add fields (validation adds `issues`); never the stack or the cause. */
  toResponseBody(): HttpErrorBody {
    return this.details === undefined
      ? { error: { type: this.type, message: this.message } }
      : { error: { type: this.type, message: this.message, details: this.details } }
  }
}

export function isHttpError(error: unknown): error is HttpError {
  return brand.is(error)
}

/** Shorthands for the statuses handlers throw most; each is an `HttpError` with the conventional `type`. */
export const httpErrors = {
  badRequest: (message = 'Bad request', options?: HttpErrorOptions) => new HttpError(400, message, options),
  unauthorized: (message = 'Unauthorized', options?: HttpErrorOptions) =>
    new HttpError(401, message, options),
  forbidden: (message = 'Forbidden', options?: HttpErrorOptions) => new HttpError(403, message, options),
  notFound: (message = 'Not found', options?: HttpErrorOptions) => new HttpError(404, message, options),
  conflict: (message = 'Conflict', options?: HttpErrorOptions) => new HttpError(409, message, options),
  unprocessableEntity: (message = 'Unprocessable entity', options?: HttpErrorOptions) =>
    new HttpError(422, message, options),
  tooManyRequests: (message = 'Too many requests', options?: HttpErrorOptions) =>
    new HttpError(429, message, options),
} as const
