import { fileURLToPath } from 'node:url'
import { Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib'
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam'
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda'
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations'
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs'
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs'
import { BlockPublicAccess, Bucket, BucketEncryption, EventType } from 'aws-cdk-lib/aws-s3'
import { LambdaDestination } from 'aws-cdk-lib/aws-s3-notifications'
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs'
import type { Construct } from 'constructs'
import { INCOMING_PREFIX, INCOMING_SUFFIX, PROCESSED_PREFIX } from '../src/ingest-orders.js'
import { settingNames } from '../src/settings.js'

/**
 * Orders files dropped under `incoming/` of one bucket are validated and written to ANOTHER bucket. The loop
 * (a function whose writes trigger it again) is closed twice here — the output bucket has no notification at all,
 * and the source notification only fires for `incoming/*.jsonl` — and a third time in the handler, which refuses
 * to write into the bucket an event came from.
 */
export class S3IngestStack extends Stack {
  readonly incomingBucket: Bucket
  readonly outputBucket: Bucket
  readonly function: NodejsFunction
  readonly failedEvents: Queue

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props)

    const bucketDefaults = {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      removalPolicy: RemovalPolicy.RETAIN,
    }
    this.incomingBucket = new Bucket(this, 'IncomingBucket', {
      ...bucketDefaults,
      // Inputs are processed once; keep them a while for replays, not forever.
      lifecycleRules: [{ prefix: INCOMING_PREFIX, expiration: Duration.days(30) }],
    })
    this.outputBucket = new Bucket(this, 'OutputBucket', bucketDefaults)

    // Events Lambda gave up on (retries spent, or too old) land here with the error, for a person to look at.
    this.failedEvents = new Queue(this, 'FailedEvents', {
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
      memorySize: 512,
      timeout: Duration.seconds(60),
      role,
      logGroup,
      environment: {
        [settingNames.outputBucket]: this.outputBucket.bucketName,
        [settingNames.incomingBucket]: this.incomingBucket.bucketName,
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

    // S3 invokes asynchronously: two retries at most, an hour at most, then the failure queue.
    this.function.configureAsyncInvoke({
      retryAttempts: 2,
      maxEventAge: Duration.hours(1),
      onFailure: new SqsDestination(this.failedEvents),
    })

    this.function.addToRolePolicy(
      new PolicyStatement({
        actions: ['s3:GetObject'],
        resources: [this.incomingBucket.arnForObjects(`${INCOMING_PREFIX}*`)],
      }),
    )
    this.function.addToRolePolicy(
      new PolicyStatement({
        actions: ['s3:PutObject'],
        resources: [this.outputBucket.arnForObjects(`${PROCESSED_PREFIX}*`)],
      }),
    )

    this.incomingBucket.addEventNotification(EventType.OBJECT_CREATED, new LambdaDestination(this.function), {
      prefix: INCOMING_PREFIX,
      suffix: INCOMING_SUFFIX,
    })
  }
}
