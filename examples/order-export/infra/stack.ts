import { fileURLToPath } from 'node:url'
import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib'
import { AttributeType, Billing, ProjectionType, TableV2 } from 'aws-cdk-lib/aws-dynamodb'
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam'
import { Architecture, FunctionUrlAuthType, InvokeMode, Runtime } from 'aws-cdk-lib/aws-lambda'
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs'
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs'
import type { Construct } from 'constructs'
import { ORDERS_BY_DAY_ATTRIBUTES, ORDERS_BY_DAY_INDEX } from '../src/orders-table.js'
import { settingNames } from '../src/settings.js'

/**
 * A Function URL in RESPONSE_STREAM mode, signed with IAM (SigV4): `GET /exports/{day}.csv` streams that day's
 * orders from the orders table's by-day index as CSV, a Query page at a time.
 */
export class OrderExportStack extends Stack {
  readonly ordersTable: TableV2
  readonly function: NodejsFunction

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props)

    // The orders table another service writes; here so the stack deploys on its own.
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
      // A streamed answer may run long; the deadline guard cuts it 500 ms before this, and says so in the log.
      timeout: Duration.minutes(2),
      role,
      logGroup,
      environment: {
        [settingNames.ordersTable]: this.ordersTable.tableName,
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

    // Query on the index only: never Scan, never the base table.
    this.function.addToRolePolicy(
      new PolicyStatement({
        actions: ['dynamodb:Query'],
        resources: [`${this.ordersTable.tableArn}/index/${ORDERS_BY_DAY_INDEX}`],
      }),
    )

    // RESPONSE_STREAM: Lambda calls the handler with a response stream (streamingHttp()), and the URL sends each
    // chunk as it is written. Without it the handler fails, saying it was called without a response stream.
    const url = this.function.addFunctionUrl({
      authType: FunctionUrlAuthType.AWS_IAM,
      invokeMode: InvokeMode.RESPONSE_STREAM,
    })
    new CfnOutput(this, 'ExportUrl', { value: url.url })
  }
}
