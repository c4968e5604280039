import { errorBrand } from './brand.js'
import { HttpError } from './http-error.js'

const brand = /* @__PURE__ */ errorBrand<AppSyncError>('AppSyncError')

export interface AppSyncErrorOptions {
  /** What the field resolves to beside the error (a batch item's `data`); sent to the client. */
  readonly data?: unknown
  /** Extra data the client may act on (`errorInfo`); sent to the client: never put secrets or internals here. */
  readonly errorInfo?: Readonly<Record<string, unknown>> | undefined
  /** The status it answers with if it reaches an HTTP chain instead; default 400. */
  readonly status?: number | undefined
  readonly cause?: unknown
}

/**
 * An error a GraphQL client receives as AppSync's `{ errorType, errorMessage, errorInfo?, data? }`. Its `name` is the
 * `errorType`: Lambda reports a thrown error's name as its type, and AppSync passes that to the client.
 * A 4xx answer (logged at info, like any 4xx `HttpError`, of which it is one).
 */
export class AppSyncError extends HttpError {
  override readonly name: string
  readonly errorType: string
  readonly data: unknown
  readonly errorInfo: Readonly<Record<string, unknown>> | undefined

  constructor(errorType: string, message: string, options: AppSyncErrorOptions = {}) {
    super(options.status ?? 400, message, { type: errorType, cause: options.cause })
    this.name = errorType
    this.errorType = errorType
    this.data = options.data
    this.errorInfo = options.errorInfo
    brand.mark(this)
  }
}

export function isAppSyncError(error: unknown): error is AppSyncError {
  return brand.is(error)
}
