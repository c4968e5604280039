import { TsumikiError } from './tsumiki-error.js'

/** A middleware's cold-start `init()` failed. The invocation fails; the next one tries the init again. */
export class InitError extends TsumikiError {
  override readonly name: string = 'InitError'
  readonly middleware: string

  constructor(middleware: string, cause: unknown) {
    super('INIT_FAILED', `Middleware "${middleware}" failed to initialise: ${describe(cause)}`, { cause })
    this.middleware = middleware
  }
}

function describe(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause)
}
