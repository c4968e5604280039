export type { Reader } from './cache/parameter-cache.js'
export { type AppConfigFormat, type AppConfigOptions, appConfig } from './definitions/app-config.js'
export type { ParameterFormat } from './definitions/convert-value.js'
export type {
  ParameterDefinition,
  ParameterDefinitions,
  ParameterValues,
  Params,
} from './definitions/definition.js'
export { type SecretOptions, secret } from './definitions/secret.js'
export { type SsmOptions, ssm } from './definitions/ssm.js'
export { type SsmPathOptions, ssmPath } from './definitions/ssm-path.js'
export {
  isParameterError,
  ParameterError,
  type ParameterErrorCode,
  type ParameterFailure,
} from './errors/parameter-error.js'
export {
  type FeatureFlagsState,
  type FlagNamesOption,
  type FlagsAdded,
  featureFlags,
  flagsOf,
} from './feature-flags/feature-flags.js'
export type { FeatureFlags, FlagVariant } from './feature-flags/flag-set.js'
export type { FlagContext, FlagContextValue } from './flag-rules/flag-context.js'
export { type ParametersState, type ParamsAdded, parameters } from './parameters/parameters.js'
export { createParameterStore, type ParameterStore, type ReadOptions } from './store/parameter-store.js'
export type { ParameterStoreOptions } from './store/store-options.js'
export type { WarningLog } from './store/warning-log.js'
export type { AppConfigExtensionOptions } from './transport/appconfig-agent-transport.js'
export type { AwsClientConfig, AwsClientLike } from './transport/aws-client.js'
export type { LambdaExtensionOptions } from './transport/extension-transport.js'
