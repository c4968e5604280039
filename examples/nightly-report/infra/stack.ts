import { fileURLToPath } from 'node:url'
import { Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib'
import { AttributeType, Billing, ProjectionType, TableV2 } from 'aws-cdk-lib/aws-dynamodb'
import { Rule, Schedule } from 'aws-cdk-lib/aws-events'
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets'
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam'
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda'
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations'
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs'
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs'
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs'
import type { Construct } from 'constructs'
import { ORDERS_BY_DAY_ATTRIBUTES, ORDERS_BY_DAY_INDEX } from '../src/orders-table.js'
import { settingNames } from '../src/settings.js'

/**
 * At 00:30 UTC every night an EventBridge rule invokes the function, which reports the previous UTC day from the
 * orders table's by-day index into the reports table, once per day.
 */
export class NightlyReportStack extends Stack {
  readonly ordersTable: TableV2
  readonly reportsTable: TableV2
  readonly function: NodejsFunction
  readonly failedRuns: Queue
  readonly rule: Rule

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props)

    // The orders table another service writes; here so the stack deploys on its own. The report reads only the
    // by-day index, projected down to what it needs.
    this.ordersTable = new TableV2(this, 'Orders', {
      partitionKey: { name: 'orderId', type: AttributeType.STRING },
      billing: Billing.onDemand(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      removalPolicy: RemovalPolicy.RETAIN,
      globalSecondaryIndexes: [
        {
          indexName: ORDERS_BY_DAY_INDEX,
          partitionKey: { name: 'placedOn', type: AttributeType.STRING },
          sortKey: { name: 'orderId', type: AttributeType.STRING },
          projectionType: ProjectionType.INCLUDE,
          nonKeyAttributes: ORDERS_BY_DAY_ATTRIBUTES,
        },
      ],
    })
    this.reportsTable = new TableV2(this, 'Reports', {
      partitionKey: { name: 'day', type: AttributeType.STRING },
      billing: Billing.onDemand(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      removalPolicy: RemovalPolicy.RETAIN,
    })

    // Runs that could not be delivered (the rule's DLQ) or that Lambda gave up on (the on-failure destination).
    this.failedRuns = new Queue(this, 'FailedRuns', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    })

    const logGroup = new LogGroup(this, 'Logs', {
      retention: RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    })
    // A role of our own instead of AWSLambdaBasicExecutionRole, whose log permissions cover every log group.
    const role = new Role(this, 'Role', { assumedBy: new ServicePrincipal('lambda.amazonaws.com') })
    logGroup.grantWrite(role)

    this.function = new NodejsFunction(this, 'Function', {
      entry: fileURLToPath(new URL('../src/handler.ts', import.meta.url)),
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: 256,
      timeout: Duration.minutes(5),
      role,
      logGroup,
      environment: {
        [settingNames.ordersTable]: this.ordersTable.tableName,
        [settingNames.reportsTable]: this.reportsTable.tableName,
        NODE_OPTIONS: '--enable-source-maps',
      },
      bundling: {
        format: OutputFormat.ESM,
        minify: true,
        sourceMap: true,
        target: 'node22',
        externalModules: ['@aws-sdk/*'],
        mainFields: ['module', 'main'],
        // ESM bundles still meet CommonJS dependencies that call require(): give them one.
        banner:
          "import { createRequire as __tsumikiCreateRequire } from 'node:module';const require = __tsumikiCreateRequire(import.meta.url);",
      },
    })

    // EventBridge invokes asynchronously: Lambda retries a failed run twice within two hours, then parks it.
    this.function.configureAsyncInvoke({
      retryAttempts: 2,
      maxEventAge: Duration.hours(2),
      onFailure: new SqsDestination(this.failedRuns),
    })

    // Query on the index only (never Scan, never the base table), one conditional PutItem on the reports table.
    this.function.addToRolePolicy(
      new PolicyStatement({
        actions: ['dynamodb:Query'],
        resources: [`${this.ordersTable.tableArn}/index/${ORDERS_BY_DAY_INDEX}`],
      }),
    )
    this.function.addToRolePolicy(
      new PolicyStatement({ actions: ['dynamodb:PutItem'], resources: [this.reportsTable.tableArn] }),
    )

    this.rule = new Rule(this, 'Nightly', {
      description: 'Reports the previous UTC day at 00:30 UTC',
      schedule: Schedule.cron({ minute: '30', hour: '0' }),
    })
    // The rule's own retries are for delivering the event to Lambda (throttled, missing permission); after them
    // the event goes to the same queue.
    this.rule.addTarget(
      new LambdaFunction(this.function, {
        retryAttempts: 4,
        maxEventAge: Duration.hours(2),
        deadLetterQueue: this.failedRuns,
      }),
    )
  }
}
