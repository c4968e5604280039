// The parts of @aws-sdk/client-dynamodb that dynamo-store.ts uses, imported by name so that bundlers keep only these
// (a namespace from `import('@aws-sdk/client-dynamodb')` keeps every command). dynamo-store.ts loads this module
// with `import()`, so the SDK is still loaded only on first use.
export {
  DeleteItemCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb'
