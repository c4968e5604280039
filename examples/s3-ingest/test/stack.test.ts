import { App } from 'aws-cdk-lib'
import { Template } from 'aws-cdk-lib/assertions'
import { beforeAll, describe, expect, it } from 'vitest'
import { S3IngestStack } from '../infra/stack.js'

type Resource = { Type: string; Properties?: Record<string, unknown> }
type Statement = { Action: string | string[]; Effect: string; Resource: unknown }

let template: Template
let resources: Record<string, Resource>
let functionId: string
let env: Record<string, { Ref?: string }>

// Synthesized once (bundling the handler with esbuild takes a moment); every test reads the same template.
beforeAll(() => {
  template = Template.fromStack(new S3IngestStack(new App(), 'Test'))
  resources = template.toJSON().Resources as Record<string, Resource>
  const functions = Object.entries(template.findResources('AWS::Lambda::Function')).filter(
    ([, fn]) => fn.Properties?.Environment?.Variables?.OUTPUT_BUCKET !== undefined,
  )
  expect(functions).toHaveLength(1)
  const [[id, fn]] = functions as [[string, { Properties: { Environment: { Variables: typeof env } } }]]
  functionId = id
  env = fn.Properties.Environment.Variables
}, 120_000)

/** A resource's properties; a missing resource fails the test where it is asked for. */
function propsOf(logicalId: string | undefined): Record<string, unknown> {
  const resource = resources[logicalId ?? '']
  if (resource === undefined) throw new Error(`No resource ${logicalId} in the template`)
  return resource.Properties ?? {}
}

const ofType = (type: string) => Object.entries(resources).filter(([, resource]) => resource.Type === type)
const refersTo = (value: unknown, logicalId: string) => JSON.stringify(value).includes(`"${logicalId}"`)
const asArray = <T>(value: T | T[]) => (Array.isArray(value) ? value : [value])

describe('the trigger loop cannot happen', () => {
  it('writes to a bucket other than the one that notifies it', () => {
    const outputId = env.OUTPUT_BUCKET?.Ref
    const incomingId = env.INCOMING_BUCKET?.Ref
    expect(resources[outputId ?? '']?.Type).toBe('AWS::S3::Bucket')
    expect(resources[incomingId ?? '']?.Type).toBe('AWS::S3::Bucket')
    expect(outputId).not.toBe(incomingId)
  })

  it('gives the output bucket no notification at all, and lets only the incoming bucket invoke the function', () => {
    const outputId = env.OUTPUT_BUCKET?.Ref ?? ''
    const notified = ofType('Custom::S3BucketNotifications').map(
      ([, resource]) => resource.Properties?.BucketName,
    )
    expect(notified).toEqual([{ Ref: env.INCOMING_BUCKET?.Ref }])
    expect(resources[outputId]?.Properties?.NotificationConfiguration).toBeUndefined()
    const s3Permissions = ofType('AWS::Lambda::Permission').filter(
      ([, permission]) => permission.Properties?.Principal === 's3.amazonaws.com',
    )
    expect(s3Permissions.map(([, permission]) => permission.Properties?.SourceArn)).toEqual([
      { 'Fn::GetAtt': [env.INCOMING_BUCKET?.Ref, 'Arn'] },
    ])
    for (const [, permission] of s3Permissions) {
      expect(permission.Properties?.SourceAccount).toEqual({ Ref: 'AWS::AccountId' })
    }
  })

  it('filters the incoming notification to incoming/*.jsonl, a prefix the function never writes under', () => {
    const [[notificationsId]] = ofType('Custom::S3BucketNotifications') as [[string, Resource]]
    const configurations = (
      propsOf(notificationsId).NotificationConfiguration as {
        LambdaFunctionConfigurations: {
          LambdaFunctionArn: unknown
          Filter?: { Key: { FilterRules: { Name: string; Value: string }[] } }
        }[]
      }
    ).LambdaFunctionConfigurations
    expect(configurations).toHaveLength(1)
    for (const configuration of configurations) {
      expect(refersTo(configuration.LambdaFunctionArn, functionId)).toBe(true)
      const rules = Object.fromEntries(
        configuration.Filter?.Key.FilterRules.map((rule) => [rule.Name, rule.Value]) ?? [],
      )
      expect(rules).toEqual({ prefix: 'incoming/', suffix: '.jsonl' })
      // Every object the function may write: none of them on the notified bucket, none under the filtered prefix.
      const writable = functionStatements().filter((statement) =>
        asArray(statement.Action).includes('s3:PutObject'),
      )
      expect(writable.length).toBeGreaterThan(0)
      for (const statement of writable) {
        expect(refersTo(statement.Resource, env.INCOMING_BUCKET?.Ref ?? '')).toBe(false)
        expect(JSON.stringify(statement.Resource)).not.toContain(`/${rules.prefix}`)
      }
    }
  })
})

describe('async invocation', () => {
  it('retries at most twice within an hour, then sends the event to an SQS queue of the stack', () => {
    const configs = ofType('AWS::Lambda::EventInvokeConfig').filter(([, config]) =>
      refersTo(config.Properties?.FunctionName, functionId),
    )
    expect(configs).toHaveLength(1)
    const [[, config]] = configs as [[string, Resource]]
    const { MaximumRetryAttempts, MaximumEventAgeInSeconds, DestinationConfig } = (config.Properties ??
      {}) as {
      MaximumRetryAttempts: number
      MaximumEventAgeInSeconds: number
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [string, string] } } }
    }
    expect(MaximumRetryAttempts).toBeLessThanOrEqual(2)
    expect(MaximumEventAgeInSeconds).toBeLessThanOrEqual(3600)
    const [queueId] = DestinationConfig.OnFailure.Destination['Fn::GetAtt']
    const queue = resources[queueId]
    expect(queue?.Type).toBe('AWS::SQS::Queue')
    // The queue keeps a failed event longer than Lambda keeps trying it.
    expect(queue?.Properties?.MessageRetentionPeriod).toBeGreaterThan(MaximumEventAgeInSeconds)
  })
})

function functionRoleId(): string {
  return (propsOf(functionId).Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0]
}

function functionStatements(): Statement[] {
  return ofType('AWS::IAM::Policy')
    .filter(([, policy]) => refersTo(policy.Properties?.Roles, functionRoleId()))
    .flatMap(([id]) => (propsOf(id).PolicyDocument as { Statement: Statement[] }).Statement)
}

describe('least privilege', () => {
  it('has no wildcard action and no Resource "*" in any policy of the stack', () => {
    for (const [id] of ofType('AWS::IAM::Policy')) {
      for (const statement of (propsOf(id).PolicyDocument as { Statement: Statement[] }).Statement) {
        for (const action of asArray(statement.Action)) expect(action, id).not.toContain('*')
        expect(statement.Resource, id).not.toBe('*')
        expect(asArray(statement.Resource), id).not.toContain('*')
      }
    }
  })

  it('lets the function read incoming/* of the source, write the output bucket, log and park failures: nothing else', () => {
    const role = resources[functionRoleId()]
    expect(role?.Properties?.ManagedPolicyArns).toBeUndefined()
    const grants = functionStatements().flatMap((statement) =>
      asArray(statement.Action).map((action) => `${action} -> ${JSON.stringify(statement.Resource)}`),
    )
    const logGroupId = (propsOf(functionId).LoggingConfig as { LogGroup: { Ref: string } }).LogGroup.Ref
    const [configId] = ofType('AWS::Lambda::EventInvokeConfig')[0] ?? []
    const queueArn = JSON.stringify(
      (propsOf(configId).DestinationConfig as { OnFailure: { Destination: unknown } }).OnFailure.Destination,
    )
    const objects = (bucketId: string | undefined, prefix: string) =>
      JSON.stringify({ 'Fn::Join': ['', [{ 'Fn::GetAtt': [bucketId, 'Arn'] }, `/${prefix}*`]] })
    expect(grants.sort()).toEqual(
      [
        `s3:GetObject -> ${objects(env.INCOMING_BUCKET?.Ref, 'incoming/')}`,
        `s3:PutObject -> ${objects(env.OUTPUT_BUCKET?.Ref, 'processed/')}`,
        `logs:CreateLogStream -> ${JSON.stringify({ 'Fn::GetAtt': [logGroupId, 'Arn'] })}`,
        `logs:PutLogEvents -> ${JSON.stringify({ 'Fn::GetAtt': [logGroupId, 'Arn'] })}`,
        // What CDK's SqsDestination grants (SendMessage is the one Lambda uses), on the failure queue only.
        `sqs:SendMessage -> ${queueArn}`,
        `sqs:GetQueueAttributes -> ${queueArn}`,
        `sqs:GetQueueUrl -> ${queueArn}`,
      ].sort(),
    )
  })
})

describe('the function', () => {
  it('runs Node.js 22 on ARM64 and logs to a group with a retention', () => {
    expect(propsOf(functionId)).toMatchObject({ Runtime: 'nodejs22.x', Architectures: ['arm64'] })
    const logGroupId = (propsOf(functionId).LoggingConfig as { LogGroup: { Ref: string } }).LogGroup.Ref
    expect(resources[logGroupId]?.Properties?.RetentionInDays).toBeGreaterThan(0)
  })

  it('keeps both buckets private and TLS-only', () => {
    for (const bucketId of [env.INCOMING_BUCKET?.Ref, env.OUTPUT_BUCKET?.Ref]) {
      expect(resources[bucketId ?? '']?.Properties?.PublicAccessBlockConfiguration).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      })
      const [, policy] =
        ofType('AWS::S3::BucketPolicy').find(([, p]) => refersTo(p.Properties?.Bucket, bucketId ?? '')) ?? []
      expect(JSON.stringify(policy?.Properties?.PolicyDocument)).toContain('aws:SecureTransport')
    }
  })
})
