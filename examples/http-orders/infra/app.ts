import { App } from 'aws-cdk-lib'
import { HttpOrdersStack } from './stack.js'

const app = new App()
new HttpOrdersStack(app, 'HttpOrders')
