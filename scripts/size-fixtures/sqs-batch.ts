// An SQS batch function with partial batch failure.
import { sqs } from '@tsumiki/batch'
import { lambda } from '@tsumiki/core'

export const handler = lambda(sqs({ concurrency: 10 })).handle(({ body }) => {
  JSON.parse(body)
})
