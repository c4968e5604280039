import { App } from 'aws-cdk-lib'
import { Template } from 'aws-cdk-lib/assertions'
import { beforeAll, describe, expect, it } from 'vitest'
import { StreamProjectorStack } from '../infra/stack.js'

type Resource = { Type: string; Properties: Record<string, unknown> }
type Statement = { Effect: string; Action: string | string[]; Resource: unknown }

let resources: Record<string, Resource>

// Synthesis bundles the handler with esbuild: slow on a busy machine.
beforeAll(() => {
  const template = Template.fromStack(new StreamProjectorStack(new App(), 'StreamProjectorTest'))
  resources = template.toJSON().Resources as Record<string, Resource>
})

/** The one resource of a type, with its logical id. */
function only(type: string): [string, Resource] {
  const found = Object.entries(resources).filter(([, resource]) => resource.Type === type)
  expect(found, type).toHaveLength(1)
  return found[0] as [string, Resource]
}

/** The logical id an `{ 'Fn::GetAtt': [id, attribute] }` or `{ Ref: id }` points at. */
function target(reference: unknown): string | undefined {
  const value = reference as { 'Fn::GetAtt'?: [string, string]; Ref?: string }
  return value['Fn::GetAtt']?.[0] ?? value.Ref
}

function tableByKey(key: string): [string, Resource] {
  const found = Object.entries(resources).find(
    ([, resource]) =>
      resource.Type === 'AWS::DynamoDB::Table' &&
      (resource.Properties.KeySchema as { AttributeName: string }[])[0]?.AttributeName === key,
  )
  expect(found, `a table keyed by ${key}`).toBeDefined()
  return found as [string, Resource]
}

const mapping = () => only('AWS::Lambda::EventSourceMapping')[1].Properties

describe('the stream-projector stack', () => {
  it('runs Node.js 22 on ARM64, as ESM', () => {
    const [, fn] = only('AWS::Lambda::Function')
    expect(fn.Properties.Runtime).toBe('nodejs22.x')
    expect(fn.Properties.Architectures).toEqual(['arm64'])
  })

  it('streams both images of the orders table into the function', () => {
    const [ordersId, orders] = tableByKey('orderId')
    expect(orders.Properties.StreamSpecification).toEqual({ StreamViewType: 'NEW_AND_OLD_IMAGES' })
    expect(mapping().EventSourceArn).toEqual({ 'Fn::GetAtt': [ordersId, 'StreamArn'] })
    expect(target(mapping().FunctionName)).toBe(only('AWS::Lambda::Function')[0])
  })

  it('reports partial batch failures, bisects, and gives up after bounded retries and age', () => {
    const properties = mapping()
    expect(properties.FunctionResponseTypes).toEqual(['ReportBatchItemFailures'])
    expect(properties.BisectBatchOnFunctionError).toBe(true)
    // -1 (the default) retries until the record leaves the stream, blocking its shard for 24 hours.
    expect(properties.MaximumRetryAttempts).toBeGreaterThanOrEqual(0)
    expect(properties.MaximumRetryAttempts).toBeLessThanOrEqual(10)
    expect(properties.MaximumRecordAgeInSeconds).toBeGreaterThanOrEqual(60)
    expect(properties.MaximumRecordAgeInSeconds).toBeLessThan(24 * 60 * 60)
  })

  it('keeps each order in order: one batch per shard at a time', () => {
    expect(mapping().ParallelizationFactor).toBe(1)
  })

  it('sends what Lambda gives up on to a queue other than the poison records queue', () => {
    const [, fn] = only('AWS::Lambda::Function')
    const onFailure = (mapping().DestinationConfig as { OnFailure: { Destination: unknown } }).OnFailure
    const failuresQueue = target(onFailure.Destination)
    const poisonQueue = target(
      (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables.DEAD_LETTER_QUEUE_URL,
    )
    expect(resources[failuresQueue as string]?.Type).toBe('AWS::SQS::Queue')
    expect(resources[poisonQueue as string]?.Type).toBe('AWS::SQS::Queue')
    expect(failuresQueue).not.toBe(poisonQueue)
  })

  it('tells the function its projection table', () => {
    const [, fn] = only('AWS::Lambda::Function')
    const variables = (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables
    expect(target(variables.PROJECTION_TABLE)).toBe(tableByKey('customerId')[0])
  })

  it('keeps the logs for a bounded time', () => {
    const [logGroupId, logGroup] = only('AWS::Logs::LogGroup')
    const [, fn] = only('AWS::Lambda::Function')
    expect(logGroup.Properties.RetentionInDays).toBeGreaterThan(0)
    expect(target((fn.Properties.LoggingConfig as { LogGroup: unknown }).LogGroup)).toBe(logGroupId)
  })

  it('grants exact actions on exact resources; * only for dynamodb:ListStreams, which AWS requires', () => {
    const statements = Object.values(resources)
      .filter((resource) => resource.Type === 'AWS::IAM::Policy')
      .flatMap((policy) => (policy.Properties.PolicyDocument as { Statement: Statement[] }).Statement)
    const granted = new Map<string, string[]>()
    for (const statement of statements) {
      expect(statement.Effect).toBe('Allow')
      const actions = [statement.Action].flat()
      for (const action of actions) expect(action).not.toContain('*')
      // ListStreams has no resource type in IAM (it lists a table's streams): it can only be granted on *.
      const resource = statement.Resource === '*' ? '*' : (target(statement.Resource) as string)
      granted.set(resource, [...(granted.get(resource) ?? []), ...actions].sort())
    }
    const fn = only('AWS::Lambda::Function')[1]
    const poisonQueue = target(
      (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables.DEAD_LETTER_QUEUE_URL,
    ) as string
    const failuresQueue = target(
      (mapping().DestinationConfig as { OnFailure: { Destination: unknown } }).OnFailure.Destination,
    ) as string
    expect(Object.fromEntries(granted)).toEqual({
      '*': ['dynamodb:ListStreams'],
      // What the event source mapping reads the stream with, through the function's role.
      [tableByKey('orderId')[0]]: [
        'dynamodb:DescribeStream',
        'dynamodb:GetRecords',
        'dynamodb:GetShardIterator',
      ],
      [tableByKey('customerId')[0]]: ['dynamodb:UpdateItem'],
      [poisonQueue]: ['sqs:SendMessage'],
      [failuresQueue]: ['sqs:SendMessage'],
    })
  })
})
