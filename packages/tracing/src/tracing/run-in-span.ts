import type { Context } from '@opentelemetry/api'
import { isPromiseLike } from '@tsumiki/core'
import type { OtelApi } from '../otel-api/load-otel-api.js'

/**
 * Runs `step` with `context` active, and reports its failure (`failed`) and its end (`done`) however it ends: a throw,
 * a rejection or a value. A synchronous step stays synchronous (no promise is made for it).
 */
export function runInContext(
  api: OtelApi,
  context: Context,
  step: () => unknown,
  failed: (error: unknown) => void,
  done?: () => void,
): unknown {
  let result: unknown
  try {
    result = api.context.with(context, step)
  } catch (error) {
    failed(error)
    done?.()
    throw error
  }
  if (!isPromiseLike(result)) {
    done?.()
    return result
  }
  return Promise.resolve(result).then(
    (value) => {
      done?.()
      return value
    },
    (error: unknown) => {
      failed(error)
      done?.()
      throw error
    },
  )
}
