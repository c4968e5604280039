import { App } from 'aws-cdk-lib'
import { Template } from 'aws-cdk-lib/assertions'
import { beforeAll, describe, expect, it } from 'vitest'
import { HttpOrdersStack } from '../infra/stack.js'
import { idempotencyKeyAttribute, idempotencyTtlAttribute } from '../infra/table-layout.js'
import { orderKeyAttribute } from '../src/order-item.js'
import { settingNames } from '../src/settings.js'

type Resource = { Type: string; Properties?: Record<string, unknown> }
type Statement = { Effect: string; Action: string | string[]; Resource: unknown }

// No esbuild run per stack here (`aws:cdk:bundling-stacks`: none): the template is the same, and `pnpm build` and
// `pnpm synth` bundle the function for real.
const synth = (props?: ConstructorParameters<typeof HttpOrdersStack>[2]) =>
  Template.fromStack(
    new HttpOrdersStack(new App({ context: { 'aws:cdk:bundling-stacks': [] } }), 'HttpOrders', props),
  )

const resourcesOf = (template: Template, type: string) =>
  Object.entries(template.findResources(type) as Record<string, Resource>)

/** The one resource of a type: its logical id and properties. */
function only(template: Template, type: string): [string, Record<string, unknown>] {
  const found = resourcesOf(template, type)
  expect(found, type).toHaveLength(1)
  const [id, resource] = found[0] as [string, Resource]
  return [id, resource.Properties ?? {}]
}

/** The logical ids of this template's resources that a CloudFormation value refers to (Ref, GetAtt, in Joins). */
function referencedIds(template: Template, value: unknown): string[] {
  const ids = new Set(Object.keys(template.toJSON().Resources as object))
  const found = new Set<string>()
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const inner of node) walk(inner)
      return
    }
    if (node === null || typeof node !== 'object') return
    for (const [key, inner] of Object.entries(node)) {
      if (key === 'Ref' && typeof inner === 'string' && ids.has(inner)) found.add(inner)
      else if (key === 'Fn::GetAtt' && Array.isArray(inner) && ids.has(String(inner[0])))
        found.add(String(inner[0]))
      else walk(inner)
    }
  }
  walk(value)
  return [...found]
}

/** Every statement of every AWS::IAM::Policy, with the roles the policy is attached to. */
function statementsOf(template: Template): { statement: Statement; roles: unknown }[] {
  return resourcesOf(template, 'AWS::IAM::Policy').flatMap(([, policy]) => {
    const document = policy.Properties?.PolicyDocument as { Statement: Statement[] }
    return document.Statement.map((statement) => ({ statement, roles: policy.Properties?.Roles }))
  })
}

const asList = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value])

/** Which actions the function's role is allowed on each resource, by logical id (or the literal ARN). */
function grantsByResource(template: Template): Map<string, string[]> {
  const grants = new Map<string, string[]>()
  for (const { statement } of statementsOf(template)) {
    for (const resource of asList(statement.Resource)) {
      const ids = referencedIds(template, resource)
      const keys = ids.length > 0 ? ids : [JSON.stringify(resource)]
      for (const key of keys)
        grants.set(key, [...(grants.get(key) ?? []), ...asList(statement.Action)].sort())
    }
  }
  return grants
}

describe('the http-orders stack', () => {
  let template: Template
  // The first synth of a process loads most of aws-cdk-lib: seconds on a loaded machine.
  beforeAll(() => {
    template = synth()
  }, 120_000)

  const functionOf = () => only(template, 'AWS::Lambda::Function')
  const tableKeyedBy = (props: Record<string, unknown>) =>
    (props.KeySchema as { AttributeName: string; KeyType: string }[]).map(
      (key) => `${key.AttributeName}:${key.KeyType}`,
    )
  const idOfEnv = (name: string) => {
    const [, fn] = functionOf()
    const variables = (fn.Environment as { Variables: Record<string, unknown> }).Variables
    return referencedIds(template, variables[name])
  }

  it('runs one Node.js 22 function on ARM64, its env pointing at the stack’s own table, parameter and secret', () => {
    const [, fn] = functionOf()
    expect(fn).toMatchObject({ Runtime: 'nodejs22.x', Architectures: ['arm64'], Handler: 'index.handler' })

    const [idempotencyId] = resourcesOf(template, 'AWS::DynamoDB::Table').find(
      ([, table]) => table.Properties?.TimeToLiveSpecification !== undefined,
    ) ?? ['none']
    const [parameterId, parameter] = only(template, 'AWS::SSM::Parameter')
    const [secretId] = only(template, 'AWS::SecretsManager::Secret')
    expect(idOfEnv(settingNames.idempotencyTable)).toEqual([idempotencyId])
    expect(idOfEnv(settingNames.ordersTableParameter)).toEqual([parameterId])
    expect(idOfEnv(settingNames.apiKeySecret)).toEqual([secretId])

    // The parameter holds the name of the other table: the orders table.
    const [ordersId] = referencedIds(template, parameter.Value)
    expect(ordersId).toBeDefined()
    expect(ordersId).not.toBe(idempotencyId)
  })

  it('keeps idempotency records in a table with TTL on the attribute @tsumiki/idempotency writes', () => {
    const tables = resourcesOf(template, 'AWS::DynamoDB::Table').map(([, table]) => table.Properties ?? {})
    const withTtl = tables.filter((table) => table.TimeToLiveSpecification !== undefined)
    expect(withTtl).toHaveLength(1)
    const [idempotency] = withTtl as [Record<string, unknown>]
    expect(idempotency.TimeToLiveSpecification).toEqual({
      AttributeName: idempotencyTtlAttribute,
      Enabled: true,
    })
    expect(tableKeyedBy(idempotency)).toEqual([`${idempotencyKeyAttribute}:HASH`])

    const [orders] = tables.filter((table) => table.TimeToLiveSpecification === undefined) as [
      Record<string, unknown>,
    ]
    expect(tableKeyedBy(orders)).toEqual([`${orderKeyAttribute}:HASH`])
    expect(orders.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true })
  })

  it('grants exact actions on exact resources: no *, no managed policy, one role', () => {
    const [, fn] = functionOf()
    const [roleId, role] = only(template, 'AWS::IAM::Role')
    expect(referencedIds(template, fn.Role)).toEqual([roleId])
    expect(role.ManagedPolicyArns).toBeUndefined() // no AWSLambdaBasicExecutionRole (logs on every group)

    const statements = statementsOf(template)
    expect(statements.length).toBeGreaterThan(0)
    for (const { statement, roles } of statements) {
      expect(statement.Effect).toBe('Allow')
      for (const action of asList(statement.Action)) expect(action).not.toContain('*')
      for (const resource of asList(statement.Resource)) expect(resource).not.toBe('*')
      expect(referencedIds(template, roles)).toEqual([roleId])
    }

    const id = (type: string, withTtl?: boolean) =>
      resourcesOf(template, type).find(
        ([, resource]) =>
          withTtl === undefined || (resource.Properties?.TimeToLiveSpecification !== undefined) === withTtl,
      )?.[0] ?? type
    expect(Object.fromEntries(grantsByResource(template))).toEqual({
      [id('AWS::DynamoDB::Table', false)]: ['dynamodb:GetItem', 'dynamodb:PutItem'],
      [id('AWS::DynamoDB::Table', true)]: [
        'dynamodb:DeleteItem',
        'dynamodb:GetItem',
        'dynamodb:PutItem',
        'dynamodb:UpdateItem',
      ],
      [id('AWS::SSM::Parameter')]: ['ssm:GetParameters'],
      [id('AWS::SecretsManager::Secret')]: ['secretsmanager:GetSecretValue'],
      [id('AWS::Logs::LogGroup')]: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      // One ARN naming the flags' application, environment and profile, by their ids.
      ...Object.fromEntries(
        [
          'AWS::AppConfig::Application',
          'AWS::AppConfig::Environment',
          'AWS::AppConfig::ConfigurationProfile',
        ].map((type) => [
          id(type),
          ['appconfig:GetLatestConfiguration', 'appconfig:StartConfigurationSession'],
        ]),
      ),
    })
  })

  it('keeps the feature flags in AppConfig, deployed all at once, the function told where they are', () => {
    const [applicationId] = only(template, 'AWS::AppConfig::Application')
    const [environmentId] = only(template, 'AWS::AppConfig::Environment')
    const [profileId, profile] = only(template, 'AWS::AppConfig::ConfigurationProfile')
    expect(profile).toMatchObject({ Type: 'AWS.AppConfig.FeatureFlags', LocationUri: 'hosted' })
    const [, version] = only(template, 'AWS::AppConfig::HostedConfigurationVersion')
    expect(JSON.parse(version.Content as string)).toMatchObject({
      values: { 'express-delivery': { enabled: false } },
    })
    const [, deployment] = only(template, 'AWS::AppConfig::Deployment')
    expect(deployment.DeploymentStrategyId).toBe('AppConfig.AllAtOnce')
    expect(idOfEnv(settingNames.appConfigApplication)).toEqual([applicationId])
    expect(idOfEnv(settingNames.appConfigEnvironment)).toEqual([environmentId])
    expect(idOfEnv(settingNames.flagsProfile)).toEqual([profileId])
  })

  it('caps the function’s concurrency, and API Gateway throttles before the function would', () => {
    const [, fn] = functionOf()
    const [, stage] = only(template, 'AWS::ApiGatewayV2::Stage')
    const reserved = fn.ReservedConcurrentExecutions as number
    const throttle = stage.DefaultRouteSettings as {
      ThrottlingBurstLimit: number
      ThrottlingRateLimit: number
    }

    expect(reserved).toBeGreaterThan(0)
    expect(throttle.ThrottlingBurstLimit).toBeGreaterThan(0)
    expect(throttle.ThrottlingBurstLimit).toBeLessThanOrEqual(reserved)
    expect(throttle.ThrottlingRateLimit).toBeGreaterThan(0)
  })

  it('gives up in the function before API Gateway gives up on it', () => {
    const [functionId, fn] = functionOf()
    const [, integration] = only(template, 'AWS::ApiGatewayV2::Integration')

    expect(referencedIds(template, integration.IntegrationUri)).toEqual([functionId])
    expect(integration.PayloadFormatVersion).toBe('2.0')
    expect((fn.Timeout as number) * 1000).toBeLessThan(integration.TimeoutInMillis as number)
  })

  it('writes the logs to a group with a retention', () => {
    const [, fn] = functionOf()
    const [logGroupId, logGroup] = only(template, 'AWS::Logs::LogGroup')

    expect(referencedIds(template, (fn.LoggingConfig as { LogGroup: unknown }).LogGroup)).toEqual([
      logGroupId,
    ])
    expect(logGroup.RetentionInDays).toBeGreaterThan(0)
  })

  it('routes exactly the two operations (and their preflights) to the function, on payload 2.0', () => {
    const [integrationId] = only(template, 'AWS::ApiGatewayV2::Integration')
    const routes = resourcesOf(template, 'AWS::ApiGatewayV2::Route').map(
      ([, route]) => route.Properties ?? {},
    )

    expect(routes.map((route) => route.RouteKey).sort()).toEqual([
      'GET /orders/{id}',
      'HEAD /orders/{id}',
      'OPTIONS /orders',
      'OPTIONS /orders/{id}',
      'POST /orders',
    ])
    for (const route of routes) expect(referencedIds(template, route.Target)).toEqual([integrationId])
  })
})

describe('the http-orders stack with an existing API key secret', { timeout: 120_000 }, () => {
  it('creates no secret and grants GetSecretValue on that one secret only, whatever suffix AWS gave it', () => {
    const template = synth({ apiKeySecretName: 'orders/api-key' })

    expect(resourcesOf(template, 'AWS::SecretsManager::Secret')).toEqual([])
    const secretGrants = statementsOf(template).filter(({ statement }) =>
      asList(statement.Action).includes('secretsmanager:GetSecretValue'),
    )
    expect(secretGrants).toHaveLength(1)
    expect(JSON.stringify(secretGrants[0]?.statement.Resource)).toMatch(/:secret:orders\/api-key-\?{6}"/)
    const [, fn] = only(template, 'AWS::Lambda::Function')
    expect(
      (fn.Environment as { Variables: Record<string, unknown> }).Variables[settingNames.apiKeySecret],
    ).toBe('orders/api-key')
  })
})
