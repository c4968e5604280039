import { Tracer } from '@aws-lambda-powertools/tracer'
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware'
import middy from '@middy/core'

const tracer = new Tracer({ serviceName: 'orders' })

export const handler = middy(async (event: { orderId: string }) => event.orderId).use(
  captureLambdaHandler(tracer),
)
