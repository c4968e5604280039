import { App } from 'aws-cdk-lib'
import { Template } from 'aws-cdk-lib/assertions'
import { beforeAll, describe, expect, it } from 'vitest'
import { NightlyReportStack } from '../infra/stack.js'
import { ORDERS_BY_DAY_INDEX } from '../src/orders-table.js'
import { Order } from '../src/report.js'

type Resource = { Type: string; Properties?: Record<string, unknown> }
type Statement = { Action: string | string[]; Effect: string; Resource: unknown }
type GetAtt = { 'Fn::GetAtt': [string, string] }

let resources: Record<string, Resource>
let functionId: string

// Synthesized once (bundling the handler with esbuild takes a moment); every test reads the same template.
beforeAll(() => {
  const template = Template.fromStack(new NightlyReportStack(new App(), 'Test'))
  resources = template.toJSON().Resources as Record<string, Resource>
  const functions = ofType('AWS::Lambda::Function')
  expect(functions).toHaveLength(1)
  functionId = functions[0]?.[0] ?? ''
}, 120_000)

function ofType(type: string): [string, Resource][] {
  return Object.entries(resources).filter(([, resource]) => resource.Type === type)
}
/** A resource's properties; a missing resource fails the test where it is asked for. */
function propsOf(logicalId: string | undefined): Record<string, unknown> {
  const resource = resources[logicalId ?? '']
  if (resource === undefined) throw new Error(`No resource ${logicalId} in the template`)
  return resource.Properties ?? {}
}
const refersTo = (value: unknown, logicalId: string) => JSON.stringify(value).includes(`"${logicalId}"`)
const asArray = <T>(value: T | T[]) => (Array.isArray(value) ? value : [value])
const env = () =>
  (propsOf(functionId).Environment as { Variables: Record<string, { Ref: string }> }).Variables
const statementsOf = (policyId: string) =>
  (propsOf(policyId).PolicyDocument as { Statement: Statement[] }).Statement
const functionRoleId = () => (propsOf(functionId).Role as GetAtt)['Fn::GetAtt'][0]

describe('the schedule', () => {
  it('fires once a night, after midnight UTC, so the day it reports is over', () => {
    const rules = ofType('AWS::Events::Rule')
    expect(rules).toHaveLength(1)
    const [ruleId] = rules[0] ?? []
    const expression = propsOf(ruleId).ScheduleExpression as string
    const [, minute, hour, dayOfMonth, month] =
      /^cron\((\S+) (\S+) (\S+) (\S+) (\S+) (\S+)\)$/.exec(expression) ?? []
    expect(Number(minute)).toBeGreaterThanOrEqual(0)
    expect(Number(hour)).toBeGreaterThanOrEqual(0)
    expect(Number(hour)).toBeLessThan(6) // a fixed time of night, UTC (EventBridge rules' cron is in UTC)
    expect([dayOfMonth, month]).toEqual(['*', '*'])
  })

  it('targets the function with bounded retries and a DLQ the rule may send to', () => {
    const [[ruleId]] = ofType('AWS::Events::Rule') as [[string, Resource]]
    const targets = propsOf(ruleId).Targets as {
      Arn: GetAtt
      RetryPolicy: { MaximumRetryAttempts: number; MaximumEventAgeInSeconds: number }
      DeadLetterConfig: { Arn: GetAtt }
    }[]
    expect(targets.map((target) => target.Arn['Fn::GetAtt'][0])).toEqual([functionId])
    for (const target of targets) {
      expect(target.RetryPolicy.MaximumRetryAttempts).toBeLessThanOrEqual(5)
      expect(target.RetryPolicy.MaximumEventAgeInSeconds).toBeLessThanOrEqual(6 * 3600)
      const [queueId] = target.DeadLetterConfig.Arn['Fn::GetAtt']
      expect(resources[queueId]?.Type).toBe('AWS::SQS::Queue')
      // EventBridge needs the queue's permission, for this rule only.
      const queuePolicies = ofType('AWS::SQS::QueuePolicy').filter(([, policy]) =>
        refersTo(policy.Properties?.Queues, queueId),
      )
      const grants = queuePolicies
        .flatMap(([id]) => statementsOf(id))
        .filter((statement) => statement.Effect === 'Allow')
      expect(grants).toMatchObject([
        {
          Action: 'sqs:SendMessage',
          Principal: { Service: 'events.amazonaws.com' },
          Condition: { ArnEquals: { 'aws:SourceArn': { 'Fn::GetAtt': [ruleId, 'Arn'] } } },
        },
      ])
    }
    const permissions = ofType('AWS::Lambda::Permission').map(([, permission]) => permission.Properties)
    expect(permissions).toMatchObject([
      { Principal: 'events.amazonaws.com', SourceArn: { 'Fn::GetAtt': [ruleId, 'Arn'] } },
    ])
  })
})

describe('async invocation', () => {
  it('retries at most twice, for a bounded time, then sends the run to an SQS queue that outlives it', () => {
    const configs = ofType('AWS::Lambda::EventInvokeConfig').filter(([, config]) =>
      refersTo(config.Properties?.FunctionName, functionId),
    )
    expect(configs).toHaveLength(1)
    const { MaximumRetryAttempts, MaximumEventAgeInSeconds, DestinationConfig } = propsOf(
      configs[0]?.[0],
    ) as {
      MaximumRetryAttempts: number
      MaximumEventAgeInSeconds: number
      DestinationConfig: { OnFailure: { Destination: GetAtt } }
    }
    expect(MaximumRetryAttempts).toBeLessThanOrEqual(2)
    expect(MaximumEventAgeInSeconds).toBeLessThanOrEqual(6 * 3600)
    const [queueId] = DestinationConfig.OnFailure.Destination['Fn::GetAtt']
    expect(resources[queueId]?.Type).toBe('AWS::SQS::Queue')
    expect(propsOf(queueId).MessageRetentionPeriod).toBeGreaterThan(MaximumEventAgeInSeconds)
  })
})

describe('the tables', () => {
  it("gives the orders table the index the function queries, projecting every field the report's Order reads", () => {
    const ordersId = env().ORDERS_TABLE?.Ref ?? ''
    const indexes = propsOf(ordersId).GlobalSecondaryIndexes as {
      IndexName: string
      KeySchema: { AttributeName: string }[]
      Projection: { ProjectionType: string; NonKeyAttributes?: string[] }
    }[]
    const index = indexes.find((candidate) => candidate.IndexName === ORDERS_BY_DAY_INDEX)
    expect(index?.KeySchema[0]?.AttributeName).toBe('placedOn')
    const projected = new Set([
      ...(index?.KeySchema.map((key) => key.AttributeName) ?? []),
      ...(index?.Projection.NonKeyAttributes ?? []),
    ])
    for (const field of Object.keys(Order.shape)) expect(projected, field).toContain(field)
  })

  it('keys the reports table by day, the key of the conditional put', () => {
    expect(propsOf(env().REPORTS_TABLE?.Ref).KeySchema).toEqual([{ AttributeName: 'day', KeyType: 'HASH' }])
  })
})

describe('least privilege', () => {
  it('has no wildcard action and no Resource "*" in any policy of the stack', () => {
    for (const [id] of ofType('AWS::IAM::Policy')) {
      for (const statement of statementsOf(id)) {
        for (const action of asArray(statement.Action)) expect(action, id).not.toContain('*')
        expect(asArray(statement.Resource), id).not.toContain('*')
      }
    }
  })

  it('lets the function Query the by-day index (no Scan, not the base table), PutItem reports, log and park: nothing else', () => {
    expect(propsOf(functionRoleId()).ManagedPolicyArns).toBeUndefined()
    const grants = ofType('AWS::IAM::Policy')
      .filter(([, policy]) => refersTo(policy.Properties?.Roles, functionRoleId()))
      .flatMap(([id]) => statementsOf(id))
      .flatMap((statement) =>
        asArray(statement.Action).map((action) => `${action} -> ${JSON.stringify(statement.Resource)}`),
      )
    const arn = (id: string | undefined) => JSON.stringify({ 'Fn::GetAtt': [id, 'Arn'] })
    const logGroupId = (propsOf(functionId).LoggingConfig as { LogGroup: { Ref: string } }).LogGroup.Ref
    const [configId] = ofType('AWS::Lambda::EventInvokeConfig')[0] ?? []
    const queueId = (propsOf(configId).DestinationConfig as { OnFailure: { Destination: GetAtt } }).OnFailure
      .Destination['Fn::GetAtt'][0]
    const ordersIndex = JSON.stringify({
      'Fn::Join': ['', [{ 'Fn::GetAtt': [env().ORDERS_TABLE?.Ref, 'Arn'] }, `/index/${ORDERS_BY_DAY_INDEX}`]],
    })
    expect(grants.sort()).toEqual(
      [
        `dynamodb:Query -> ${ordersIndex}`,
        `dynamodb:PutItem -> ${arn(env().REPORTS_TABLE?.Ref)}`,
        `logs:CreateLogStream -> ${arn(logGroupId)}`,
        `logs:PutLogEvents -> ${arn(logGroupId)}`,
        // What CDK's SqsDestination grants (SendMessage is the one Lambda uses), on the failure queue only.
        `sqs:SendMessage -> ${arn(queueId)}`,
        `sqs:GetQueueAttributes -> ${arn(queueId)}`,
        `sqs:GetQueueUrl -> ${arn(queueId)}`,
      ].sort(),
    )
  })
})

describe('the function', () => {
  it('runs Node.js 22 on ARM64 and logs to a group with a retention', () => {
    expect(propsOf(functionId)).toMatchObject({ Runtime: 'nodejs22.x', Architectures: ['arm64'] })
    const logGroupId = (propsOf(functionId).LoggingConfig as { LogGroup: { Ref: string } }).LogGroup.Ref
    expect(propsOf(logGroupId).RetentionInDays).toBeGreaterThan(0)
  })
})
