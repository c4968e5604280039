export type { AwsClientConfig, AwsClientLike } from './aws-client.js'
export type { ParameterFormat } from './convert-value.js'
export type { ParameterDefinition, ParameterDefinitions, ParameterValues, Params } from './definition.js'
export type { LambdaExtensionOptions } from './extension-transport.js'
export type { Reader } from './parameter-cache.js'
export {
  isParameterError,
  ParameterError,
  type ParameterErrorCode,
  type ParameterFailure,
} from './parameter-error.js'
export { createParameterStore, type ParameterStore, type ReadOptions } from './parameter-store.js'
export { type ParametersState, type ParamsAdded, parameters } from './parameters.js'
export { type SecretOptions, secret } from './secret.js'
export { type SsmOptions, ssm } from './ssm.js'
export { type SsmPathOptions, ssmPath } from './ssm-path.js'
export type { ParameterStoreOptions } from './store-options.js'
export type { WarningLog } from './warning-log.js'
