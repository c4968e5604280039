import { randomUUID } from 'node:crypto'
import { AppConfigDataClient } from '@aws-sdk/client-appconfigdata'
import { DynamoDBClient } from '@aws-sdk/client-dynamodb'
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager'
import { SSMClient } from '@aws-sdk/client-ssm'
import { cors, http, lambda, reply, router } from '@tsumiki/core'
import { idempotent } from '@tsumiki/idempotency'
import { logger } from '@tsumiki/logger'
import { metrics } from '@tsumiki/metrics'
import { appConfig, flagsOf, parameters, secret, ssm } from '@tsumiki/parameters'
import { validate } from '@tsumiki/validation'
import { apiKeyHeader, requireApiKey } from './api-key.js'
import { createOrder, getOrder, OrderNotFound, type OrderStore } from './core.js'
import { dynamoOrderStore } from './dynamo-order-store.js'
import { expressDeliveryFlag, flagsMaxAgeMs } from './flags.js'
import { OrderInput } from './order.js'
import { readSettings, type Settings } from './settings.js'

/** What the handler talks to. `handler` below passes the real ones; a test may wrap `orderStore`. */
export interface HandlerDeps {
  readonly dynamo: DynamoDBClient
  readonly ssm: SSMClient
  readonly secretsManager: SecretsManagerClient
  readonly appConfigData: AppConfigDataClient
  /** The orders table's store for one request: the table's name comes from SSM, the signal from the request. */
  readonly orderStore: (tableName: string, signal: AbortSignal) => OrderStore
  readonly newId: () => string
  readonly nowMs: () => number
}

/** How long a replayed `Idempotency-Key` gets the first answer: a day covers any client's retries. */
export const idempotencyExpiresAfterMs = 24 * 60 * 60 * 1000

/** POST /orders and GET /orders/{id} in one function, wired from its settings and dependencies. */
export function createHandler(settings: Settings, deps: HandlerDeps) {
  const base = lambda(http())
    // First: a preflight is answered here, and every answer (errors too) gets the CORS headers.
    .use(
      cors({
        origins: settings.allowedOrigins,
        headers: ['content-type', apiKeyHeader, 'idempotency-key'],
        maxAgeSeconds: 600,
      }),
    )
    .use(logger({ service: 'orders' }))
    // One EMF line per invocation: the orders placed, and the toolkit's own counts (answers by status class, replays,
    // parameter reads). Before parameters(), so the cold start's reads are counted in the first invocation.
    .use(
      metrics({ namespace: 'Shop', service: 'orders', operational: ['http', 'idempotency', 'parameters'] }),
    )
    // Read at cold start, served from memory while warm, refreshed in the background after 5 minutes (the flags
    // after 15 s: AppConfig's shortest poll interval).
    .use(
      parameters(
        {
          ordersTable: ssm(settings.ordersTableParameter),
          apiKey: secret(settings.apiKeySecret),
          flags: flagsOf(
            appConfig({
              application: settings.appConfigApplication,
              environment: settings.appConfigEnvironment,
              profile: settings.flagsProfile,
              maxAgeMs: flagsMaxAgeMs,
            }),
            { flags: [expressDeliveryFlag] },
          ),
        },
        {
          ssmClient: deps.ssm,
          secretsManagerClient: deps.secretsManager,
          appConfigDataClient: deps.appConfigData,
          now: deps.nowMs,
        },
      ),
    )

  return base.handle(
    router<typeof base>()
      .post('/orders', (route) =>
        route
          // In this order: a stranger learns nothing (401), a bad order costs no DynamoDB write (422), and only
          // then is the key claimed, so a replay answers the stored response without running the core.
          .use(requireApiKey())
          .use(validate({ body: OrderInput }))
          .use(
            idempotent({
              table: settings.idempotencyTable,
              expiresAfterMs: idempotencyExpiresAfterMs,
              client: deps.dynamo,
            }),
          )
          .handle(async ({ input: { body }, params, signal, log, metrics }) => {
            const store = deps.orderStore(params.ordersTable, signal)
            // The flag is decided here, evaluated in memory; the core gets its answer as plain data.
            const expressDelivery = params.flags.isEnabled(expressDeliveryFlag, {
              customerId: body.customerId,
            })
            const order = await createOrder(body, {
              store,
              newId: deps.newId,
              nowMs: deps.nowMs,
              expressDelivery,
            })
            log.info('order placed', {
              orderId: order.id,
              totalQty: order.totalQty,
              delivery: order.delivery,
            })
            metrics.addMetric('ordersPlaced', 'Count', 1)
            metrics.addMetric('itemsOrdered', 'Count', order.totalQty)
            metrics.addMetadata('orderId', order.id)
            return reply({ status: 201, headers: { location: `/orders/${order.id}` }, body: order })
          }),
      )
      .get('/orders/{id}', (route) =>
        route.handle(({ pathParams, params, signal }) =>
          getOrder(pathParams.id, { store: deps.orderStore(params.ordersTable, signal) }),
        ),
      )
      .onError(OrderNotFound, (error) =>
        reply({ status: 404, body: { error: { type: 'order_not_found', message: error.message } } }),
      ),
  )
}

// Made once per execution environment. `{}`: region, credentials and endpoints come from the environment
// (AWS_ENDPOINT_URL_DYNAMODB, _SSM and _SECRETS_MANAGER point them at local services in tests).
const dynamo = new DynamoDBClient({})

export const handler = createHandler(readSettings(process.env), {
  dynamo,
  ssm: new SSMClient({}),
  secretsManager: new SecretsManagerClient({}),
  appConfigData: new AppConfigDataClient({}),
  orderStore: (tableName, signal) => dynamoOrderStore(dynamo, tableName, signal),
  newId: randomUUID,
  nowMs: Date.now,
})
