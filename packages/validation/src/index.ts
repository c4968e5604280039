export type { TextFormat } from './content-type.js'
export { isOutputValidationError, OutputValidationError } from './errors/output-validation-error.js'
export { isSchemaFailedError, SchemaFailedError } from './errors/schema-failed-error.js'
export {
  isValidationError,
  ValidationError,
  type ValidationErrorBody,
  type ValidationErrorCode,
  type ValidationErrorOptions,
  type ValidationStatus,
} from './errors/validation-error.js'
export { formatIssuePath } from './issue-path.js'
export type { BodyEnvelope, BodyFormat } from './parse-body.js'
export { type FormFields, parseForm } from './parse-form.js'
export {
  type InputPart,
  inputParts,
  type OnlyKnownParts,
  type PartsRead,
  type PartsValidated,
  type ValidatedParts,
  type ValidationSchemas,
} from './parts.js'
export { type InferOutput, isStandardSchema, type StandardSchemaV1 } from './standard-schema.js'
export { type ValidateOptions, validate } from './validate.js'
export type { ValidationIssue } from './validation-issue.js'
