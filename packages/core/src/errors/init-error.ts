import { errorBrand } from './brand.js'
import { TsumikiError } from './tsumiki-error.js'

const brand = /* @__PURE__ */ errorBrand<InitError>('InitError')

/** A middleware's cold-start `init()` failed. The invocation fails; the next one tries the init again. */
export class InitError extends TsumikiError {
  override readonly name: string = 'InitError'
  readonly middleware: string

  constructor(middleware: string, cause: unknown) {
    super('INIT_FAILED', `Middleware "${middleware}" failed to initialise: ${describe(cause)}`, { cause })
    this.middleware = middleware
    brand.mark(this)
  }
}

function describe(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause)
}

export function isInitError(error: unknown): error is InitError {
  return brand.is(error)
}
