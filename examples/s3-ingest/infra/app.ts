import { App } from 'aws-cdk-lib'
import { S3IngestStack } from './stack.js'

const app = new App()
new S3IngestStack(app, 'OrdersS3Ingest')
