import { fileURLToPath } from 'node:url'
import { Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib'
import { AttributeType, BillingMode, StreamViewType, Table } from 'aws-cdk-lib/aws-dynamodb'
import { PolicyStatement } from 'aws-cdk-lib/aws-iam'
import { Architecture, type IEventSourceDlq, Runtime, StartingPosition } from 'aws-cdk-lib/aws-lambda'
import { DynamoEventSource } from 'aws-cdk-lib/aws-lambda-event-sources'
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs'
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs'
import { type IQueue, Queue } from 'aws-cdk-lib/aws-sqs'
import type { Construct } from 'constructs'
import { settingNames } from '../src/settings.js'

/**
 * The event source mapping's on-failure destination, granting only what Lambda uses to send there:
 * `sqs:SendMessage` on the queue (CDK's `SqsDlq` also grants `GetQueueAttributes` and `GetQueueUrl`).
 */
function sendOnlyDestination(queue: IQueue): IEventSourceDlq {
  return {
    bind(_mapping, target) {
      target.grantPrincipal.addToPrincipalPolicy(
        new PolicyStatement({ actions: ['sqs:SendMessage'], resources: [queue.queueArn] }),
      )
      return { destination: queue.queueArn }
    },
  }
}

/**
 * The customer totals projector: the orders table with its stream, the projection table, the function reading the
 * stream with partial batch responses, a queue for poison records and one for what Lambda gives up on.
 */
export class StreamProjectorStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props)

    const ordersTable = new Table(this, 'OrdersTable', {
      partitionKey: { name: 'orderId', type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      // Both images: the projection subtracts what the order was and adds what it is.
      stream: StreamViewType.NEW_AND_OLD_IMAGES,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      removalPolicy: RemovalPolicy.RETAIN,
    })
    const projectionTable = new Table(this, 'CustomerTotalsTable', {
      partitionKey: { name: 'customerId', type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      removalPolicy: RemovalPolicy.DESTROY, // rebuilt from the orders table if lost
    })
    // The function parks poison records here itself (the record and its error), so the shard moves on.
    const poisonRecords = new Queue(this, 'PoisonRecordsQueue', {
      retentionPeriod: Duration.days(14),
      enforceSSL: true,
    })
    // Lambda sends here what it gave up on after the retries (the batch's shard and sequence range).
    const streamFailures = new Queue(this, 'StreamFailuresQueue', {
      retentionPeriod: Duration.days(14),
      enforceSSL: true,
    })

    const projector = new NodejsFunction(this, 'Projector', {
      entry: fileURLToPath(new URL('../src/handler.ts', import.meta.url)),
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: 512,
      timeout: Duration.seconds(60),
      logGroup: new LogGroup(this, 'ProjectorLogs', {
        retention: RetentionDays.ONE_MONTH,
        removalPolicy: RemovalPolicy.DESTROY,
      }),
      environment: {
        [settingNames.projectionTable]: projectionTable.tableName,
        [settingNames.deadLetterQueueUrl]: poisonRecords.queueUrl,
      },
      bundling: {
        format: OutputFormat.ESM,
        minify: true,
        sourceMap: true,
        mainFields: ['module', 'main'],
        externalModules: ['@aws-sdk/*'],
        // ESM bundles still meet CommonJS dependencies that call require(): give them one.
        banner: "import { createRequire } from 'node:module';const require = createRequire(import.meta.url);",
      },
    })

    projector.addEventSource(
      new DynamoEventSource(ordersTable, {
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: 100,
        maxBatchingWindow: Duration.seconds(1),
        reportBatchItemFailures: true,
        // One batch per shard at a time: an order's changes are applied in stream order. Orders side by side
        // happen inside the batch instead (dynamodbStreams({ concurrency: 4 }), each order still in order).
        parallelizationFactor: 1,
        // Without these a failing record is retried until it leaves the stream (24 hours), blocking its shard.
        retryAttempts: 5,
        maxRecordAge: Duration.hours(6),
        bisectBatchOnError: true,
        onFailure: sendOnlyDestination(streamFailures),
      }),
    )

    // Exact actions on exact resources. SendMessageBatch is authorised by sqs:SendMessage.
    projector.addToRolePolicy(
      new PolicyStatement({ actions: ['sqs:SendMessage'], resources: [poisonRecords.queueArn] }),
    )
    projector.addToRolePolicy(
      new PolicyStatement({ actions: ['dynamodb:UpdateItem'], resources: [projectionTable.tableArn] }),
    )
  }
}
