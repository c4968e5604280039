import { App } from 'aws-cdk-lib'
import { NightlyReportStack } from './stack.js'

const app = new App()
new NightlyReportStack(app, 'NightlyReport')
