// The parts of @aws-sdk/client-ssm that sdk-transport.ts uses, imported by name so that bundlers keep only these
// (a namespace from `import('@aws-sdk/client-ssm')` keeps every command). sdk-transport.ts loads this module with
// `import()`, so the SDK is still loaded only when a parameter is first read.
export { GetParametersByPathCommand, GetParametersCommand, SSMClient } from '@aws-sdk/client-ssm'
