/**
 * An AWS error answer of the local endpoint: HTTP status, the `__type` the SDK turns into the error's `name`, and
 * the message. Thrown by the operation handlers, written by the server as `{ "__type", "message" }`.
 */
export class LocalAwsError extends Error {
  override readonly name = 'LocalAwsError'
  readonly type: string
  readonly status: number

  constructor(type: string, message: string, status = 400) {
    super(message)
    this.type = type
    this.status = status
  }
}

export function validationError(message: string): LocalAwsError {
  return new LocalAwsError('ValidationException', message)
}

export function requireString(input: Record<string, unknown>, field: string): string {
  const value = input[field]
  if (typeof value !== 'string' || value.length === 0)
    throw validationError(`${field}: a non-empty string is required.`)
  return value
}

export function unknownOperation(operation: string): LocalAwsError {
  return new LocalAwsError('UnknownOperationException', `The local endpoint does not implement ${operation}.`)
}
