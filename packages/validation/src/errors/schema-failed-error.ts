import { errorBrand, TsumikiError } from '@tsumiki/core'

const brand = /* @__PURE__ */ errorBrand<SchemaFailedError>('SchemaFailedError')

/**
 * A schema threw (or its promise rejected) instead of returning issues: a refinement with a bug, a transform that
 * calls a service, a stack overflow in a recursive schema. The input's validity is unknown, so it is a fault of
 * ours, not the client's: HTTP answers a generic 500 and the log gets this error, naming the part and what the
 * schema threw (its `cause`, with its stack).
 */
export class SchemaFailedError extends TsumikiError {
  override readonly name: string = 'SchemaFailedError'
  readonly part: string

  constructor(part: string, thrown: unknown) {
    super('SCHEMA_FAILED', `The ${part} schema threw instead of returning issues: ${describe(thrown)}`, {
      cause: thrown,
    })
    this.part = part
    brand.mark(this)
  }
}

/** Recognises a `SchemaFailedError` from any copy of this package. */
export function isSchemaFailedError(error: unknown): error is SchemaFailedError {
  return brand.is(error)
}

function describe(thrown: unknown): string {
  try {
    return thrown instanceof Error ? `${thrown.name}: ${thrown.message}` : String(thrown)
  } catch {
    return 'an unreadable value'
  }
}
