import { App } from 'aws-cdk-lib'
import { ProofStack } from './stack.js'

const app = new App()
new ProofStack(app, 'NightlyReport')
