export type { TextFormat } from './body/content-type.js'
export type { BodyEnvelope, BodyFormat } from './body/parse-body.js'
export { type FormFields, parseForm } from './body/parse-form.js'
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
export { formatIssuePath } from './schema/issue-path.js'
export { type InferOutput, isStandardSchema, type StandardSchemaV1 } from './schema/standard-schema.js'
export type { ValidationIssue } from './schema/validation-issue.js'
export {
  type InputPart,
  inputParts,
  type OnlyKnownParts,
  type PartsRead,
  type PartsValidated,
  type ValidatedParts,
  type ValidationSchemas,
} from './validate/parts.js'
export { type ValidateOptions, validate } from './validate/validate.js'
