import { AppSyncError, isAppSyncError } from '../../errors/app-sync-error.js'
import { isHttpError } from '../../errors/http-error.js'

/**
 * One field's error as AppSync takes it: the shape its tutorial's batch response handler hands to
 * `util.appendError(errorMessage, errorType, data, errorInfo)`.
 */
export interface AppSyncErrorItem {
  readonly data: unknown
  readonly errorType: string
  readonly errorMessage: string
  readonly errorInfo?: Readonly<Record<string, unknown>>
}

/** One item of a `BatchInvoke` answer: the field's value, or its error. */
export type AppSyncBatchItem<TResult = unknown> = { readonly data: TResult } | AppSyncErrorItem

/** What an unexpected failure shows a client: nothing of it, which may hold internals. It is logged whole. */
export const internalFailure: AppSyncErrorItem = {
  data: null,
  errorType: 'InternalFailure',
  errorMessage: 'Internal failure',
}

/**
 * What a client sees of an error: an `AppSyncError` as it is, a 4xx `HttpError` (a failed `validate()`, idempotency's
 * refusals) by its type, message and extra fields (`issues`, `details`), anything else as `InternalFailure`.
 */
export function errorItemOf(error: unknown): AppSyncErrorItem {
  if (isAppSyncError(error)) {
    return {
      data: error.data ?? null,
      errorType: error.errorType,
      errorMessage: error.message,
      ...(error.errorInfo === undefined ? {} : { errorInfo: error.errorInfo }),
    }
  }
  if (isHttpError(error) && error.status < 500) {
    // The error's message, meant for the client: a failed validate()'s names each issue, where its body's summary does not.
    const { type, message: _summary, ...extra } = error.toResponseBody().error
    return {
      data: null,
      errorType: type,
      errorMessage: error.message,
      ...(Object.keys(extra).length === 0 ? {} : { errorInfo: extra }),
    }
  }
  return internalFailure
}

/** The error an `Invoke` throws for AppSync: Lambda reports its name and message as `errorType` and `errorMessage`. */
export function thrownErrorOf(item: AppSyncErrorItem, error: unknown): AppSyncError {
  return isAppSyncError(error) ? error : new AppSyncError(item.errorType, item.errorMessage)
}
