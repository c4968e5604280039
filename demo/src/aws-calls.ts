import type { LocalAws, LocalAwsOperation, LocalDynamo, LocalDynamoOperation } from '@tsumiki/testing'

/** The requests one step made to the local services, by service and operation. */
export interface AwsCalls {
  readonly dynamodb: Readonly<Partial<Record<LocalDynamoOperation, number>>>
  readonly ssm: number
  readonly secretsManager: number
  readonly sqs: Readonly<Partial<Record<LocalAwsOperation, number>>>
}

const dynamoOperations: readonly LocalDynamoOperation[] = [
  'GetItem',
  'PutItem',
  'UpdateItem',
  'DeleteItem',
  'Query',
  'Scan',
  'BatchGetItem',
  'BatchWriteItem',
  'TransactGetItems',
  'TransactWriteItems',
]
const ssmOperations: readonly LocalAwsOperation[] = ['GetParameter', 'GetParameters', 'GetParametersByPath']
const secretsOperations: readonly LocalAwsOperation[] = ['GetSecretValue', 'BatchGetSecretValue']
const sqsOperations: readonly LocalAwsOperation[] = ['SendMessage', 'SendMessageBatch', 'DeleteMessage']

/** Reads what the services counted since the last reset, then resets them for the next step. */
export function takeAwsCalls(dynamo: LocalDynamo, aws: LocalAws): AwsCalls {
  const dynamodb: Partial<Record<LocalDynamoOperation, number>> = {}
  for (const operation of dynamoOperations) {
    const count = dynamo.calls(operation)
    if (count > 0) dynamodb[operation] = count
  }
  const sqs: Partial<Record<LocalAwsOperation, number>> = {}
  for (const operation of sqsOperations) {
    const count = aws.calls(operation)
    if (count > 0) sqs[operation] = count
  }
  const calls: AwsCalls = {
    dynamodb,
    ssm: ssmOperations.reduce((sum, operation) => sum + aws.calls(operation), 0),
    secretsManager: secretsOperations.reduce((sum, operation) => sum + aws.calls(operation), 0),
    sqs,
  }
  dynamo.resetCalls()
  aws.resetCalls()
  return calls
}

const countOf = (byOperation: Readonly<Partial<Record<string, number>>>): number =>
  Object.values(byOperation).reduce<number>((sum, count) => sum + (count ?? 0), 0)

/** `DynamoDB 3 (PutItem 2, GetItem 1) · SSM 1 · Secrets 1 · SQS 1 (SendMessageBatch 1)`, or `no AWS calls`. */
export function describeAwsCalls(calls: AwsCalls): string {
  const parts: string[] = []
  const detail = (byOperation: Readonly<Partial<Record<string, number>>>) =>
    Object.entries(byOperation)
      .map(([operation, count]) => `${operation} ${count}`)
      .join(', ')
  const dynamo = countOf(calls.dynamodb)
  if (dynamo > 0) parts.push(`DynamoDB ${dynamo} (${detail(calls.dynamodb)})`)
  if (calls.ssm > 0) parts.push(`SSM ${calls.ssm}`)
  if (calls.secretsManager > 0) parts.push(`Secrets Manager ${calls.secretsManager}`)
  const sqs = countOf(calls.sqs)
  if (sqs > 0) parts.push(`SQS ${sqs} (${detail(calls.sqs)})`)
  return parts.length === 0 ? 'no AWS calls' : parts.join(' · ')
}
