// The parts of @aws-sdk/client-secrets-manager that sdk-transport.ts uses, imported by name so that bundlers keep
// only these (a namespace from `import('@aws-sdk/client-secrets-manager')` keeps every command). sdk-transport.ts
// loads this module with `import()`, so the SDK is still loaded only when a secret is first read.
export {
  BatchGetSecretValueCommand,
  GetSecretValueCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager'
