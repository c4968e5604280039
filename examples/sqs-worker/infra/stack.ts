import { fileURLToPath } from 'node:url'
import { Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib'
import { AttributeType, BillingMode, Table } from 'aws-cdk-lib/aws-dynamodb'
import { PolicyStatement } from 'aws-cdk-lib/aws-iam'
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda'
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources'
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs'
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs'
import { Queue } from 'aws-cdk-lib/aws-sqs'
import type { Construct } from 'constructs'
import { settingNames } from '../src/settings.js'

/** One batch's budget; the queue's visibility timeout is derived from it. */
const functionTimeout = Duration.seconds(30)
const maxBatchingWindow = Duration.seconds(5)
/** Deliveries before SQS moves a message that keeps failing (transiently) to the dead-letter queue. */
const maxReceiveCount = 5

/**
 * The shipments worker: the shipments queue (redriven to a dead-letter queue), the function reading it with partial
 * batch responses, the shipments table, and the idempotency table with its TTL.
 */
export class SqsWorkerStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props)

    // Two ways in: the function parks poison messages here at once (sqsDeadLetter), and SQS moves here what failed
    // transiently maxReceiveCount times. 14 days, SQS's maximum, to look at them and replay.
    const deadLetterQueue = new Queue(this, 'ShipmentsDeadLetterQueue', {
      retentionPeriod: Duration.days(14),
      enforceSSL: true,
    })
    const queue = new Queue(this, 'ShipmentsQueue', {
      // AWS: at least 6 × the function timeout (plus the batching window), so a message is not handed out again
      // while a throttled or retried invocation still holds it.
      visibilityTimeout: Duration.seconds(6 * functionTimeout.toSeconds() + maxBatchingWindow.toSeconds()),
      deadLetterQueue: { queue: deadLetterQueue, maxReceiveCount },
      enforceSSL: true,
    })

    const idempotencyTable = new Table(this, 'IdempotencyTable', {
      partitionKey: { name: 'id', type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      // @tsumiki/idempotency writes the expiry in epoch seconds, as DynamoDB's TTL wants.
      timeToLiveAttribute: 'ttlEpochSeconds',
      removalPolicy: RemovalPolicy.DESTROY,
    })
    const shipmentsTable = new Table(this, 'ShipmentsTable', {
      partitionKey: { name: 'orderId', type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      removalPolicy: RemovalPolicy.RETAIN,
    })

    const worker = new NodejsFunction(this, 'Worker', {
      entry: fileURLToPath(new URL('../src/handler.ts', import.meta.url)),
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: 512,
      timeout: functionTimeout,
      logGroup: new LogGroup(this, 'WorkerLogs', {
        retention: RetentionDays.ONE_MONTH,
        removalPolicy: RemovalPolicy.DESTROY,
      }),
      environment: {
        [settingNames.shipmentsTable]: shipmentsTable.tableName,
        [settingNames.idempotencyTable]: idempotencyTable.tableName,
        [settingNames.deadLetterQueueUrl]: deadLetterQueue.queueUrl,
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

    // The event source mapping receives, deletes and changes visibility on the shipments queue, through the
    // function's role (SqsEventSource grants exactly that on the queue's ARN).
    worker.addEventSource(
      new SqsEventSource(queue, {
        batchSize: 50, // above 10 needs a batching window
        maxBatchingWindow,
        reportBatchItemFailures: true,
        // At most 5 invocations at once, each with sqs({ concurrency: 5 }): 25 carrier calls in flight at most.
        maxConcurrency: 5,
      }),
    )

    // Exact actions on exact resources. SendMessageBatch is authorised by sqs:SendMessage.
    worker.addToRolePolicy(
      new PolicyStatement({ actions: ['sqs:SendMessage'], resources: [deadLetterQueue.queueArn] }),
    )
    worker.addToRolePolicy(
      new PolicyStatement({
        actions: ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:GetItem', 'dynamodb:DeleteItem'],
        resources: [idempotencyTable.tableArn],
      }),
    )
    worker.addToRolePolicy(
      new PolicyStatement({
        actions: ['dynamodb:GetItem', 'dynamodb:PutItem'],
        resources: [shipmentsTable.tableArn],
      }),
    )
  }
}
