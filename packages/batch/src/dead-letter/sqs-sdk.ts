// The parts of @aws-sdk/client-sqs that sqs-dead-letter.ts uses, imported by name so that bundlers keep only these
// (a namespace from `import('@aws-sdk/client-sqs')` keeps every command). sqs-dead-letter.ts loads this module with
// `import()`, so the SDK is still loaded only when a record is first parked.
export { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs'
