import { fileURLToPath } from 'node:url'
import { Duration, Stack, type StackProps } from 'aws-cdk-lib'
import { Runtime } from 'aws-cdk-lib/aws-lambda'
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs'
import type { Construct } from 'constructs'

export class ProofStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props)
    new NodejsFunction(this, 'Fn', {
      entry: fileURLToPath(new URL('../src/handler.ts', import.meta.url)),
      runtime: Runtime.NODEJS_22_X,
      timeout: Duration.seconds(10),
      bundling: { format: OutputFormat.ESM, minify: true },
    })
  }
}
