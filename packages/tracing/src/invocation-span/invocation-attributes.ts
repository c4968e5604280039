import type { Attributes } from '@opentelemetry/api'
import type { InvocationRequest } from '@tsumiki/core'

/** FaaS semantic conventions' `faas.trigger`, by the kind of source: a naming table, not a branch in behaviour. */
const triggers: Readonly<Record<string, string>> = {
  http: 'http',
  sqs: 'pubsub',
  sns: 'pubsub',
  eventbridge: 'pubsub',
  kinesis: 'pubsub',
  s3: 'datasource',
  dynamodb: 'datasource',
  schedule: 'timer',
}

export function triggerOf(request: InvocationRequest): string {
  return triggers[request.kind] ?? 'other'
}

/**
 * The invocation span's attributes: the FaaS conventions (`faas.trigger`, `faas.invocation_id`, `faas.coldstart`,
 * `faas.name`, `faas.version`, `faas.max_memory`) and the cloud resource (`cloud.provider`, `cloud.platform`,
 * `cloud.region`, `cloud.account.id`, `cloud.resource_id`), on the span because the provider's resource is the user's.
 */
export function invocationAttributes(request: InvocationRequest, trigger: string): Attributes {
  const { context } = request
  const attributes: Attributes = {
    'faas.trigger': trigger,
    'faas.coldstart': request.coldStart,
    'cloud.provider': 'aws',
    'cloud.platform': 'aws_lambda',
  }
  const arn = stringOf(context?.invokedFunctionArn)
  setIf(attributes, 'faas.invocation_id', stringOf(context?.awsRequestId))
  setIf(attributes, 'faas.name', stringOf(context?.functionName))
  setIf(attributes, 'faas.version', stringOf(context?.functionVersion))
  setIf(attributes, 'cloud.resource_id', arn)
  setIf(attributes, 'cloud.region', stringOf(process.env.AWS_REGION))
  setIf(attributes, 'cloud.account.id', arn?.split(':')[4] || undefined)
  const memoryMb = Number(context?.memoryLimitInMB)
  if (Number.isFinite(memoryMb) && memoryMb > 0) attributes['faas.max_memory'] = memoryMb * 1024 * 1024
  const method = (request as { readonly method?: unknown }).method
  if (typeof method === 'string') {
    attributes['http.request.method'] = method
    setIf(attributes, 'url.path', stringOf((request as { readonly path?: unknown }).path))
  }
  return attributes
}

function setIf(attributes: Attributes, key: string, value: string | undefined): void {
  if (value !== undefined) attributes[key] = value
}

function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined
}
