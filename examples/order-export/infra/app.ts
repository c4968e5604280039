import { App } from 'aws-cdk-lib'
import { OrderExportStack } from './stack.js'

const app = new App()
new OrderExportStack(app, 'OrderExport')
