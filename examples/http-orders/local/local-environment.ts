import { randomBytes } from 'node:crypto'
import type { LocalAws, LocalConfigurationTarget, LocalDynamo } from '@tsumiki/testing'
import { expressDeliveryFlag } from '../src/flags.js'
import { orderKeyAttribute } from '../src/order-item.js'
import { settingNames } from '../src/settings.js'

/** The API key stored in the local secret: send it as the `x-api-key` header. */
export const localApiKey = 'local-api-key-7c1f9a2e5b'

/** The one browser origin the local function allows. */
export const localAllowedOrigin = 'https://shop.example.com'

/** The feature flags as AppConfig answers an `AWS.AppConfig.FeatureFlags` profile: express delivery off. */
export const localFlags = { [expressDeliveryFlag]: { enabled: false } }

export { expressDeliveryFlag, flagsMaxAgeMs } from '../src/flags.js'

/**
 * Creates what the orders function needs on the local services — the orders table, the idempotency table, the SSM
 * parameter holding the orders table's name, the secret holding the API key and the AppConfig feature flags, each
 * named uniquely per call — and returns the function's whole environment: its settings, `AWS_REGION`, fake
 * credentials and the endpoints. The flags' place is returned too, to flip one with `aws.setConfiguration()`.
 */
export async function prepareLocalEnvironment(services: {
  dynamo?: LocalDynamo
  aws?: LocalAws
}): Promise<Record<string, string>> {
  const { dynamo, aws } = services
  if (dynamo === undefined || aws === undefined) {
    throw new Error('The orders function needs both a local DynamoDB (dynamo) and a local AWS endpoint (aws)')
  }
  const unique = randomBytes(4).toString('hex')
  const ordersTable = `orders-${unique}`
  const idempotencyTable = `orders-idempotency-${unique}`
  const ordersTableParameter = `/http-orders/${unique}/orders-table`
  const apiKeySecret = `http-orders/${unique}/api-key`
  const flags = flagsTarget(unique)

  await dynamo.createTable({
    TableName: ordersTable,
    AttributeDefinitions: [{ AttributeName: orderKeyAttribute, AttributeType: 'S' }],
    KeySchema: [{ AttributeName: orderKeyAttribute, KeyType: 'HASH' }],
    BillingMode: 'PAY_PER_REQUEST',
  })
  await dynamo.createIdempotencyTable(idempotencyTable)
  aws.setParameter(ordersTableParameter, ordersTable)
  aws.setSecret(apiKeySecret, localApiKey)
  aws.setConfiguration(flags, localFlags)

  return {
    [settingNames.ordersTableParameter]: ordersTableParameter,
    [settingNames.apiKeySecret]: apiKeySecret,
    [settingNames.idempotencyTable]: idempotencyTable,
    [settingNames.allowedOrigins]: localAllowedOrigin,
    [settingNames.appConfigApplication]: flags.application,
    [settingNames.appConfigEnvironment]: flags.environment,
    [settingNames.flagsProfile]: flags.profile,
    AWS_REGION: aws.region,
    AWS_ACCESS_KEY_ID: aws.credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: aws.credentials.secretAccessKey,
    AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
    AWS_ENDPOINT_URL_SSM: aws.endpoint,
    AWS_ENDPOINT_URL_SECRETS_MANAGER: aws.endpoint,
    AWS_ENDPOINT_URL_APPCONFIGDATA: aws.endpoint,
  }
}

/** Where the flags of an environment made by `prepareLocalEnvironment()` are, from its settings. */
export function localFlagsTarget(env: Readonly<Record<string, string>>): LocalConfigurationTarget {
  return {
    application: env[settingNames.appConfigApplication] ?? '',
    environment: env[settingNames.appConfigEnvironment] ?? '',
    profile: env[settingNames.flagsProfile] ?? '',
  }
}

function flagsTarget(unique: string): LocalConfigurationTarget {
  return { application: `http-orders-${unique}`, environment: `local-${unique}`, profile: `flags-${unique}` }
}
