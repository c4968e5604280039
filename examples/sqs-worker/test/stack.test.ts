import { App } from 'aws-cdk-lib'
import { Template } from 'aws-cdk-lib/assertions'
import { beforeAll, describe, expect, it } from 'vitest'
import { SqsWorkerStack } from '../infra/stack.js'

type Resource = { Type: string; Properties: Record<string, unknown> }
type Statement = { Effect: string; Action: string | string[]; Resource: unknown }

let resources: Record<string, Resource>

// Synthesis bundles the handler with esbuild: slow on a busy machine.
beforeAll(() => {
  const template = Template.fromStack(new SqsWorkerStack(new App(), 'SqsWorkerTest'))
  resources = template.toJSON().Resources as Record<string, Resource>
})

/** The one resource of a type, with its logical id. */
function only(type: string): [string, Resource] {
  const found = Object.entries(resources).filter(([, resource]) => resource.Type === type)
  expect(found, type).toHaveLength(1)
  return found[0] as [string, Resource]
}

/** The logical id an `{ 'Fn::GetAtt': [id, 'Arn'] }` or `{ Ref: id }` points at. */
function target(reference: unknown): string | undefined {
  const value = reference as { 'Fn::GetAtt'?: [string, string]; Ref?: string }
  return value['Fn::GetAtt']?.[0] ?? value.Ref
}

function queues() {
  const all = Object.entries(resources).filter(([, resource]) => resource.Type === 'AWS::SQS::Queue')
  const source = all.find(([, queue]) => queue.Properties.RedrivePolicy !== undefined)
  const deadLetter = all.find(([, queue]) => queue.Properties.RedrivePolicy === undefined)
  expect(all).toHaveLength(2)
  return { source: source as [string, Resource], deadLetter: deadLetter as [string, Resource] }
}

function tableByKey(key: string): string {
  const found = Object.entries(resources).find(
    ([, resource]) =>
      resource.Type === 'AWS::DynamoDB::Table' &&
      (resource.Properties.KeySchema as { AttributeName: string }[])[0]?.AttributeName === key,
  )
  expect(found, `a table keyed by ${key}`).toBeDefined()
  return (found as [string, Resource])[0]
}

describe('the sqs-worker stack', () => {
  it('runs Node.js 22 on ARM64, as ESM', () => {
    const [, fn] = only('AWS::Lambda::Function')
    expect(fn.Properties.Runtime).toBe('nodejs22.x')
    expect(fn.Properties.Architectures).toEqual(['arm64'])
    expect(fn.Properties.Handler).toBe('index.handler')
  })

  it('redrives the source queue to the dead-letter queue after a bounded number of receives', () => {
    const { source, deadLetter } = queues()
    const redrive = source[1].Properties.RedrivePolicy as {
      deadLetterTargetArn: unknown
      maxReceiveCount: number
    }
    expect(target(redrive.deadLetterTargetArn)).toBe(deadLetter[0])
    expect(redrive.maxReceiveCount).toBeGreaterThanOrEqual(1)
    expect(redrive.maxReceiveCount).toBeLessThanOrEqual(10)
    expect(deadLetter[1].Properties.MessageRetentionPeriod).toBe(14 * 24 * 60 * 60)
  })

  it('keeps messages invisible for at least 6 × the function timeout plus the batching window', () => {
    const [, fn] = only('AWS::Lambda::Function')
    const [, mapping] = only('AWS::Lambda::EventSourceMapping')
    const visibilitySeconds = queues().source[1].Properties.VisibilityTimeout as number
    const timeoutSeconds = fn.Properties.Timeout as number
    const windowSeconds = (mapping.Properties.MaximumBatchingWindowInSeconds as number | undefined) ?? 0
    expect(visibilitySeconds).toBeGreaterThanOrEqual(6 * timeoutSeconds + windowSeconds)
  })

  it('maps the source queue with partial batch responses, a batching window and a concurrency cap', () => {
    const [fnId] = only('AWS::Lambda::Function')
    const [, mapping] = only('AWS::Lambda::EventSourceMapping')
    expect(target(mapping.Properties.EventSourceArn)).toBe(queues().source[0])
    expect(target(mapping.Properties.FunctionName)).toBe(fnId)
    expect(mapping.Properties.FunctionResponseTypes).toEqual(['ReportBatchItemFailures'])
    const batchSize = mapping.Properties.BatchSize as number
    // A batch over 10 messages needs a window, or SQS refuses the mapping.
    if (batchSize > 10) expect(mapping.Properties.MaximumBatchingWindowInSeconds).toBeGreaterThan(0)
    expect(
      (mapping.Properties.ScalingConfig as { MaximumConcurrency: number }).MaximumConcurrency,
    ).toBeGreaterThanOrEqual(2)
  })

  it('gives the idempotency table the TTL attribute @tsumiki/idempotency writes', () => {
    const table = resources[tableByKey('id')] as Resource
    expect(table.Properties.TimeToLiveSpecification).toEqual({
      AttributeName: 'ttlEpochSeconds',
      Enabled: true,
    })
  })

  it('tells the function its tables and dead-letter queue', () => {
    const [, fn] = only('AWS::Lambda::Function')
    const variables = (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables
    expect(target(variables.SHIPMENTS_TABLE)).toBe(tableByKey('orderId'))
    expect(target(variables.IDEMPOTENCY_TABLE)).toBe(tableByKey('id'))
    expect(target(variables.DEAD_LETTER_QUEUE_URL)).toBe(queues().deadLetter[0])
  })

  it('keeps the logs for a bounded time', () => {
    const [logGroupId, logGroup] = only('AWS::Logs::LogGroup')
    const [, fn] = only('AWS::Lambda::Function')
    expect(logGroup.Properties.RetentionInDays).toBeGreaterThan(0)
    expect(target((fn.Properties.LoggingConfig as { LogGroup: unknown }).LogGroup)).toBe(logGroupId)
  })

  it('grants exact actions on exact resources, and nothing else', () => {
    const statements = Object.values(resources)
      .filter((resource) => resource.Type === 'AWS::IAM::Policy')
      .flatMap((policy) => (policy.Properties.PolicyDocument as { Statement: Statement[] }).Statement)
    const granted = new Map<string, string[]>()
    for (const statement of statements) {
      expect(statement.Effect).toBe('Allow')
      expect(statement.Resource, 'one resource per statement, never *').not.toBe('*')
      const actions = [statement.Action].flat()
      for (const action of actions) expect(action).not.toContain('*')
      const resource = target(statement.Resource) as string
      granted.set(resource, [...(granted.get(resource) ?? []), ...actions].sort())
    }
    const { source, deadLetter } = queues()
    expect(Object.fromEntries(granted)).toEqual({
      // What the event source mapping does with the function's role.
      [source[0]]: [
        'sqs:ChangeMessageVisibility',
        'sqs:DeleteMessage',
        'sqs:GetQueueAttributes',
        'sqs:GetQueueUrl',
        'sqs:ReceiveMessage',
      ],
      // Parking only: sqs:SendMessage also authorises SendMessageBatch.
      [deadLetter[0]]: ['sqs:SendMessage'],
      [tableByKey('id')]: [
        'dynamodb:DeleteItem',
        'dynamodb:GetItem',
        'dynamodb:PutItem',
        'dynamodb:UpdateItem',
      ],
      [tableByKey('orderId')]: ['dynamodb:GetItem', 'dynamodb:PutItem'],
    })
  })
})
