import { App } from 'aws-cdk-lib'
import { StreamProjectorStack } from './stack.js'

const app = new App()
new StreamProjectorStack(app, 'StreamProjector')
