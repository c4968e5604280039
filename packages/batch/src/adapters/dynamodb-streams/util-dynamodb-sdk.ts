// `unmarshall` of @aws-sdk/util-dynamodb, imported by name so that bundlers keep only it (a namespace from
// `import('@aws-sdk/util-dynamodb')` keeps every export). load-unmarshall.ts loads this module with `import()`.
export { unmarshall } from '@aws-sdk/util-dynamodb'
