import { App } from 'aws-cdk-lib'
import { SqsWorkerStack } from './stack.js'

const app = new App()
new SqsWorkerStack(app, 'SqsWorker')
