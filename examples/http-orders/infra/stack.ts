import { fileURLToPath } from 'node:url'
import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib'
import { HttpApi, HttpMethod, HttpStage } from 'aws-cdk-lib/aws-apigatewayv2'
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations'
import {
  Application,
  ConfigurationContent,
  ConfigurationType,
  DeploymentStrategy,
  DeploymentStrategyId,
  Environment,
  HostedConfiguration,
} from 'aws-cdk-lib/aws-appconfig'
import { AttributeType, BillingMode, Table } from 'aws-cdk-lib/aws-dynamodb'
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam'
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda'
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs'
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs'
import { type ISecret, Secret } from 'aws-cdk-lib/aws-secretsmanager'
import { StringParameter } from 'aws-cdk-lib/aws-ssm'
import type { Construct } from 'constructs'
import { orderKeyAttribute } from '../src/order-item.js'
import { settingNames } from '../src/settings.js'
import { idempotencyKeyAttribute, idempotencyTtlAttribute } from './table-layout.js'

export interface HttpOrdersStackProps extends StackProps {
  /** Browser origins allowed by CORS. Default: `https://shop.example.com`. */
  readonly allowedOrigins?: readonly string[]
  /**
   * The name of an existing Secrets Manager secret holding the API key. Default: the stack creates one with a
   * generated 40-character key (read it with `aws secretsmanager get-secret-value`).
   */
  readonly apiKeySecretName?: string
  /** The most execution environments the function may run at once. Default 20. */
  readonly reservedConcurrency?: number
}

/** The function's own limit: its deadline guard answers 504 half a second before it. */
const functionTimeout = Duration.seconds(10)
/** How long API Gateway waits for the function: longer than its timeout, so the function's own answer arrives. */
const integrationTimeout = Duration.seconds(15)

/**
 * POST /orders and GET /orders/{id} on an HTTP API (payload 2.0), one function behind both routes, its orders
 * table (name published in SSM), its idempotency table (TTL on the attribute @tsumiki/idempotency writes) and its
 * API key in Secrets Manager. The role allows exactly the calls the function makes, on exactly these resources.
 */
export class HttpOrdersStack extends Stack {
  constructor(scope: Construct, id: string, props: HttpOrdersStackProps = {}) {
    super(scope, id, props)
    const reservedConcurrency = props.reservedConcurrency ?? 20

    const ordersTable = new Table(this, 'OrdersTable', {
      partitionKey: { name: orderKeyAttribute, type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      removalPolicy: RemovalPolicy.RETAIN, // orders outlive the stack
    })
    const idempotencyTable = new Table(this, 'IdempotencyTable', {
      partitionKey: { name: idempotencyKeyAttribute, type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      // DynamoDB deletes expired records itself (within days); the package ignores them once expired anyway.
      timeToLiveAttribute: idempotencyTtlAttribute,
      removalPolicy: RemovalPolicy.DESTROY, // only a day's worth of replays: nothing to keep
    })

    // Created here, because the stack owns the table it names. The function reads it at cold start.
    const ordersTableParameter = new StringParameter(this, 'OrdersTableName', {
      parameterName: `/${this.stackName}/orders-table-name`,
      stringValue: ordersTable.tableName,
      description: 'The orders table the http-orders function writes to',
    })

    const apiKeySecret: ISecret =
      props.apiKeySecretName === undefined
        ? new Secret(this, 'ApiKey', {
            description: 'The x-api-key clients of the http-orders API send on POST /orders',
            generateSecretString: { passwordLength: 40, excludePunctuation: true },
          })
        : Secret.fromSecretNameV2(this, 'ApiKey', props.apiKeySecretName)
    // A secret referenced by name has no known suffix: `-??????` matches the six characters AWS adds, no more.
    const apiKeySecretArn = apiKeySecret.secretFullArn ?? `${apiKeySecret.secretArn}-??????`

    // The feature flags: flipped in AppConfig (a new version, deployed), seen by warm functions at their next poll.
    const flagsApplication = new Application(this, 'FlagsApplication', { applicationName: this.stackName })
    const flagsEnvironment = new Environment(this, 'FlagsEnvironment', {
      application: flagsApplication,
      environmentName: 'live',
    })
    const flags = new HostedConfiguration(this, 'Flags', {
      application: flagsApplication,
      name: 'flags',
      type: ConfigurationType.FEATURE_FLAGS,
      content: ConfigurationContent.fromInlineJson(
        JSON.stringify({
          version: '1',
          flags: { 'express-delivery': { name: 'Express delivery' } },
          values: { 'express-delivery': { enabled: false } },
        }),
      ),
      deployTo: [flagsEnvironment],
      deploymentStrategy: DeploymentStrategy.fromDeploymentStrategyId(
        this,
        'FlagsAllAtOnce',
        DeploymentStrategyId.ALL_AT_ONCE,
      ),
    })

    const logGroup = new LogGroup(this, 'FunctionLogs', { retention: RetentionDays.ONE_MONTH })

    // A role of our own, without AWSLambdaBasicExecutionRole (logs:* on every log group): only this log group.
    const role = new Role(this, 'FunctionRole', { assumedBy: new ServicePrincipal('lambda.amazonaws.com') })
    logGroup.grantWrite(role)
    role.addToPolicy(
      new PolicyStatement({
        actions: ['dynamodb:PutItem', 'dynamodb:GetItem'], // save an order (conditional put), read one
        resources: [ordersTable.tableArn],
      }),
    )
    role.addToPolicy(
      new PolicyStatement({
        // claim, complete, read after a failed claim, release after a failure: what @tsumiki/idempotency sends
        actions: ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:GetItem', 'dynamodb:DeleteItem'],
        resources: [idempotencyTable.tableArn],
      }),
    )
    role.addToPolicy(
      new PolicyStatement({ actions: ['ssm:GetParameters'], resources: [ordersTableParameter.parameterArn] }),
    )
    // One secret: GetSecretValue (BatchGetSecretValue, which needs Resource '*', is used for two or more).
    role.addToPolicy(
      new PolicyStatement({ actions: ['secretsmanager:GetSecretValue'], resources: [apiKeySecretArn] }),
    )

    // The flags profile alone: AppConfig checks the profile's ARN, by ids.
    role.addToPolicy(
      new PolicyStatement({
        actions: ['appconfig:StartConfigurationSession', 'appconfig:GetLatestConfiguration'],
        resources: [
          this.formatArn({
            service: 'appconfig',
            resource: 'application',
            resourceName: `${flagsApplication.applicationId}/environment/${flagsEnvironment.environmentId}/configuration/${flags.configurationProfileId}`,
          }),
        ],
      }),
    )

    const fn = new NodejsFunction(this, 'Function', {
      entry: fileURLToPath(new URL('../src/handler.ts', import.meta.url)),
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: 512,
      timeout: functionTimeout,
      // Protects the tables' and Secrets Manager's quotas from a flood; API Gateway's throttle below keeps
      // clients at a 429 before Lambda would throttle.
      reservedConcurrentExecutions: reservedConcurrency,
      role,
      logGroup,
      environment: {
        [settingNames.ordersTableParameter]: ordersTableParameter.parameterName,
        [settingNames.apiKeySecret]: props.apiKeySecretName ?? apiKeySecret.secretArn,
        [settingNames.idempotencyTable]: idempotencyTable.tableName,
        [settingNames.allowedOrigins]: (props.allowedOrigins ?? ['https://shop.example.com']).join(','),
        [settingNames.appConfigApplication]: flagsApplication.applicationId,
        [settingNames.appConfigEnvironment]: flagsEnvironment.environmentId,
        [settingNames.flagsProfile]: flags.configurationProfileId,
        NODE_OPTIONS: '--enable-source-maps',
      },
      bundling: {
        format: OutputFormat.ESM,
        target: 'node22',
        minify: true,
        sourceMap: true,
        externalModules: ['@aws-sdk/*'], // in every Lambda Node.js runtime
        // ESM bundles still meet CommonJS dependencies that call require(): give them one.
        banner: "import { createRequire } from 'node:module';const require = createRequire(import.meta.url);",
      },
    })

    const api = new HttpApi(this, 'Api', { description: 'http-orders', createDefaultStage: false })
    const stage = new HttpStage(this, 'DefaultStage', {
      httpApi: api,
      stageName: '$default',
      autoDeploy: true,
      // At most as many requests in flight as the function has environments: the excess gets API Gateway's 429.
      throttle: { burstLimit: reservedConcurrency, rateLimit: reservedConcurrency * 5 },
    })
    const integration = new HttpLambdaIntegration('Orders', fn, { timeout: integrationTimeout })
    // OPTIONS goes to the function too: its cors() answers preflights.
    api.addRoutes({ path: '/orders', methods: [HttpMethod.POST, HttpMethod.OPTIONS], integration })
    api.addRoutes({
      path: '/orders/{id}',
      methods: [HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS],
      integration,
    })

    new CfnOutput(this, 'ApiUrl', { value: stage.url })
    new CfnOutput(this, 'ApiKeySecretArn', { value: apiKeySecret.secretArn })
  }
}
